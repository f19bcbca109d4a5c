/**
 * Moderator alerts through the local Discord: one alert per crisis, pinging only the role,
 * never the person's words; none for DMs or private questions; one per person per 10 minutes;
 * "I'm on it".
 */
import type { APIMessage } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OncePerWindow } from '../../src/discord/once-per-window.js';
import { TAKE_ALERT_ID } from '../../src/discord/crisis-alerts.js';
import { buttonIds, carriesNote, startDeployedBot, textOf, waitForLog, type Running } from './harness.js';

describe('crisis alerts', () => {
  let run: Running;
  let note: string;
  let alertChannel: string;
  let role: string;

  beforeAll(async () => {
    ({ run, note } = await startDeployedBot());
    alertChannel = run.fake.ids.channels.modOnly;
    role = run.fake.ids.roles.moderator;
    const handle = await run.fake.slashCommand({
      name: 'setup',
      subcommand: 'alerts',
      options: { channel: alertChannel, role },
      user: 'moderator',
    });
    await handle.waitForFinal();
  });
  afterAll(() => run?.close());
  // Each test starts with no one inside the 10-minute window.
  afterEach(() => {
    run.bot.context.alertLimiter = new OncePerWindow(run.bot.context.alertLimiter.windowMs);
  });

  const alerts = (): APIMessage[] => run.fake.messages(alertChannel).filter((m) => m.author.id === run.fake.ids.botUser);
  const alertRequests = () =>
    run.fake.requests({ method: 'POST', route: '/channels/:channel/messages' }).filter((r) => r.path.includes(alertChannel));
  const outcomes = () =>
    run.logs.map((line) => JSON.parse(line) as { event?: string; outcome?: string }).filter((e) => e.event === 'crisis_alert');
  async function nextOutcome(): Promise<string> {
    const seen = outcomes().length;
    const entry = await waitForLog(run, () => outcomes().length > seen);
    return outcomes()[seen]?.outcome ?? String(entry.outcome);
  }

  it('posts one alert for a crisis mention: where, when, a jump link, only the role pinged, no words copied', async () => {
    const question = 'I want to end it all tonight, I have the pills here';
    const count = alerts().length;
    const outcome = nextOutcome();
    const sent = await run.fake.sendMessage({ content: question, mentionsBot: true, author: 'member' });
    await sent.waitForReply();
    expect(await outcome).toBe('sent');
    const alert = await run.fake.waitForBotMessage(alertChannel, (m) => alerts().indexOf(m) >= count);
    expect(alerts()).toHaveLength(count + 1);
    const text = textOf(alert);
    expect(text).toContain('A member may need support');
    expect(text).toContain(`<#${run.fake.ids.channels.general}>`);
    expect(text).toContain(`https://discord.com/channels/${run.fake.ids.guild}/${run.fake.ids.channels.general}/${sent.message.id}`);
    expect(text).toMatch(/<t:\d+:f>/);
    for (const word of ['pills', 'tonight', 'end it all']) expect(JSON.stringify(alert)).not.toContain(word);
    expect(JSON.stringify(alert)).not.toContain(run.fake.ids.users.member);
    expect(alert.mention_roles).toEqual([role]);
    expect(alert.mentions).toEqual([]);
    expect(alert.mention_everyone).toBe(false);
    const body = alertRequests().at(-1)?.body as { allowed_mentions?: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [role] });
    expect(buttonIds(alert)).toEqual([TAKE_ALERT_ID]);
    expect(carriesNote(alert, note)).toBe(true);
  });

  it('alerts for a public /ask crisis too, linking to the answer', async () => {
    const outcome = nextOutcome();
    const handle = await run.fake.slashCommand({ name: 'ask', options: { question: 'I am going to kill myself' }, user: 'owner' });
    const answer = await handle.waitForFinal();
    expect(await outcome).toBe('sent');
    expect(textOf(alerts().at(-1)!)).toContain(`/${answer.channel_id}/${answer.id}`);
  });

  it('sends no alert for a crisis in a DM', async () => {
    const count = alerts().length;
    const outcome = nextOutcome();
    const sent = await run.fake.sendMessage({ content: 'I want to kill myself', dm: true, author: 'member' });
    await sent.waitForReply();
    expect(await outcome).toBe('not_for_dm');
    expect(alerts()).toHaveLength(count);
  });

  it('sends no alert for a private /ask: the person chose privacy', async () => {
    const count = alerts().length;
    const outcome = nextOutcome();
    const handle = await run.fake.slashCommand({ name: 'ask', options: { question: 'I want to kill myself', private: true } });
    await handle.waitForFinal();
    expect(await outcome).toBe('not_for_private');
    expect(alerts()).toHaveLength(count);
  });

  it('sends at most one alert per person in 10 minutes, and still alerts for someone else', async () => {
    const count = alerts().length;
    const first = nextOutcome();
    await (await run.fake.sendMessage({ content: 'I want to kill myself', mentionsBot: true, author: 'member' })).waitForReply();
    expect(await first).toBe('sent');
    const second = nextOutcome();
    await (await run.fake.sendMessage({ content: 'I want to kill myself, really', mentionsBot: true, author: 'member' })).waitForReply();
    expect(await second).toBe('rate_limited');
    const other = nextOutcome();
    await (await run.fake.sendMessage({ content: 'I want to kill myself', mentionsBot: true, author: 'owner' })).waitForReply();
    expect(await other).toBe('sent');
    expect(alerts()).toHaveLength(count + 2);
  });

  it('"I’m on it" marks who took the alert and disables itself; a second click is told it is taken', async () => {
    const outcome = nextOutcome();
    await (await run.fake.sendMessage({ content: 'I want to kill myself', mentionsBot: true, author: 'member' })).waitForReply();
    await outcome;
    const alert = alerts().at(-1)!;
    const taken = await (await run.fake.buttonClick({ customId: TAKE_ALERT_ID, message: alert, user: 'moderator' })).waitForFinal();
    expect(textOf(taken)).toContain(`<@${run.fake.ids.users.moderator}> is on it`);
    const button = (taken.components?.[0] as { components: { label?: string; disabled?: boolean }[] }).components[0];
    expect(button).toMatchObject({ label: 'Taken by mod-mia', disabled: true });
    expect(taken.mentions).toEqual([]);
    const again = await (await run.fake.buttonClick({ customId: TAKE_ALERT_ID, message: alert, user: 'owner' })).waitForFinal();
    expect(textOf(again)).toContain('Someone already took this alert.');
    expect(textOf(run.fake.messages(alertChannel).find((m) => m.id === alert.id)!)).toContain(
      `<@${run.fake.ids.users.moderator}> is on it`,
    );
  });

  it('sends nothing when the server has no alert channel', async () => {
    await (await run.fake.slashCommand({ name: 'setup', subcommand: 'alerts', options: { off: true }, user: 'moderator' })).waitForFinal();
    try {
      const count = alerts().length;
      const outcome = nextOutcome();
      await (await run.fake.sendMessage({ content: 'I want to kill myself', mentionsBot: true })).waitForReply();
      expect(await outcome).toBe('no_alert_channel');
      expect(alerts()).toHaveLength(count);
    } finally {
      await (
        await run.fake.slashCommand({ name: 'setup', subcommand: 'alerts', options: { channel: alertChannel, role }, user: 'moderator' })
      ).waitForFinal();
    }
  });
});

describe('one alert per person per window', () => {
  it('opens again once the 10 minutes are over, and keeps each person apart', () => {
    let now = 0;
    const gate = new OncePerWindow(600_000, () => now);
    expect(gate.allow('g:a')).toBe(true);
    now = 599_999;
    expect([gate.allow('g:a'), gate.allow('g:b')]).toEqual([false, true]);
    now = 600_000;
    expect(gate.allow('g:a')).toBe(true);
  });
});
