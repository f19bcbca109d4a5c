/** Failures talking to Discord, as the one log line reads them: a kind to act on and a reason that never holds a token. */
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { describeFailure, routeOf } from '../../src/discord/failure.js';

const CALLBACK_URL = 'https://discord.com/api/v10/interactions/1234567890123456789/aW50ZXJhY3Rpb246secret-token/callback';

function apiError(
  code: number,
  status: number,
  url = 'https://discord.com/api/v10/channels/1234567890123456789/messages',
): DiscordAPIError {
  return new DiscordAPIError({ code, message: `error ${code}` }, code, status, 'POST', url, { body: undefined, files: undefined });
}

describe('describeFailure', () => {
  it('an interaction Discord no longer knows is "interaction_expired", a warning', () => {
    expect(describeFailure(apiError(RESTJSONErrorCodes.UnknownInteraction, 404, CALLBACK_URL))).toMatchObject({
      kind: 'interaction_expired',
      level: 'warn',
    });
  });

  it('a missing permission names the route, without ids or tokens', () => {
    const failure = describeFailure(apiError(RESTJSONErrorCodes.MissingPermissions, 403));
    expect(failure).toMatchObject({ kind: 'missing_permissions', level: 'warn' });
    expect(failure.reason).toContain('POST /channels/:id/messages');
  });

  it('closed DMs are "dms_closed", for information only', () => {
    expect(describeFailure(apiError(RESTJSONErrorCodes.CannotSendMessagesToThisUser, 403))).toMatchObject({
      kind: 'dms_closed',
      level: 'info',
    });
  });

  it('a 5xx after the retries is "discord_server_error", never a token in the reason', () => {
    const failure = describeFailure(new HTTPError(503, 'Service Unavailable', 'POST', CALLBACK_URL, { body: undefined, files: undefined }));
    expect(failure).toMatchObject({ kind: 'discord_server_error', level: 'warn' });
    expect(failure.reason).toBe('Discord 503 on POST /interactions/:id/:token/callback, also after retries');
  });

  it('no answer at all is "network"', () => {
    expect(describeFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toMatchObject({
      kind: 'network',
      level: 'warn',
    });
  });

  it('anything else is "unexpected", an error', () => {
    expect(describeFailure(new TypeError('x is undefined'))).toEqual({
      kind: 'unexpected',
      level: 'error',
      reason: 'TypeError: x is undefined',
    });
  });
});

it('routeOf reduces a URL to its route: ids and interaction or webhook tokens gone', () => {
  expect(routeOf(CALLBACK_URL)).toBe('/interactions/:id/:token/callback');
  expect(routeOf('https://discord.com/api/v10/webhooks/1234567890123456789/aW50ZXJhY3Rpb246secret/messages/@original')).toBe(
    '/webhooks/:id/:token/messages/@original',
  );
});
