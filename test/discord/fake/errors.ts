/**
 * Discord's JSON error bodies. @discordjs/rest turns a 4xx JSON body into a DiscordAPIError whose
 * `code` is the body's `code` and `rawError` is the body (incl. `errors` for 50035 Invalid Form Body).
 */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
  ) {
    super(message);
  }

  toJSON(): { code: number; message: string; errors?: Record<string, unknown> } {
    return this.errors ? { code: this.code, message: this.message, errors: this.errors } : { code: this.code, message: this.message };
  }
}

export type UnknownEntity =
  'Application' | 'Channel' | 'Guild' | 'Member' | 'Message' | 'User' | 'Webhook' | 'interaction' | 'application command';

const UNKNOWN_CODES: Record<UnknownEntity, number> = {
  Application: 10002,
  Channel: 10003,
  Guild: 10004,
  Member: 10007,
  Message: 10008,
  User: 10013,
  Webhook: 10015,
  interaction: 10062,
  'application command': 10063,
};

export const unknownEntity = (what: UnknownEntity): RestError => new RestError(404, UNKNOWN_CODES[what], `Unknown ${what}`);
/** Discord answers 50001 when the bot cannot even see the channel. */
export const missingAccess = (): RestError => new RestError(403, 50001, 'Missing Access');
export const missingPermissions = (): RestError => new RestError(403, 50013, 'Missing Permissions');
export const unauthorized = (): RestError => new RestError(401, 0, '401: Unauthorized');
export const alreadyAcknowledged = (): RestError => new RestError(400, 40060, 'Interaction has already been acknowledged.');

/** 50035 Invalid Form Body with Discord's nested `errors` shape, e.g. path "embeds.0.description". */
export function invalidFormBody(path: string, code: string, message: string): RestError {
  const leaf = { _errors: [{ code, message }] };
  const errors = path
    .split('.')
    .reverse()
    .reduce<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf);
  return new RestError(400, 50035, 'Invalid Form Body', errors);
}
