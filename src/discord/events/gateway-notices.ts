/**
 * The gateway's reconnects and invalid sessions, read from discord.js's debug lines (it has no
 * event that carries their reason): "[WS => Shard 0] Destroying shard\n\tReason: …\n\tCode: …\n\tRecover: …"
 * and "[WS => Shard 0] Invalid session; will attempt to resume: false".
 */
export type GatewayNotice =
  | { event: 'shard_reconnecting'; shardId: number; reason: string; closeCode: number | undefined; recover: string }
  | { event: 'invalid_session'; shardId: number; resumable: boolean };

const SHARD_PREFIX = /^\[WS => Shard (\d+)\] /;

export function gatewayNotice(debugLine: string): GatewayNotice | undefined {
  const prefix = SHARD_PREFIX.exec(debugLine);
  if (!prefix) return undefined;
  const shardId = Number(prefix[1]);
  const text = debugLine.slice(prefix[0].length);
  const invalid = /^Invalid session; will attempt to resume: (true|false)/.exec(text);
  if (invalid) return { event: 'invalid_session', shardId, resumable: invalid[1] === 'true' };
  if (!text.startsWith('Destroying shard')) return undefined;
  const field = (name: string): string | undefined => new RegExp(`^\\t?${name}: (.*)$`, 'm').exec(text)?.[1];
  const recover = field('Recover') ?? 'none';
  // "Recover: none" is a destroy for good (the bot stopping, or a fatal close): not a reconnect.
  if (recover !== 'Resume' && recover !== 'Reconnect') return undefined;
  const code = Number(field('Code'));
  return {
    event: 'shard_reconnecting',
    shardId,
    reason: field('Reason') ?? 'none given',
    closeCode: Number.isFinite(code) ? code : undefined,
    recover,
  };
}
