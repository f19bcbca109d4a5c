/** Gateway discovery, users, application, guild and channel lookups. */
import type { APIGatewayBotInfo } from 'discord-api-types/v10';
import { PermissionFlagsBits } from 'discord.js';
import type { FakeContext } from './context.js';
import { invalidFormBody, missingAccess, unknownEntity } from './errors.js';
import { noContent, ok, type RouteDef, type RouteParams } from './http.js';

type Route = RouteDef<FakeContext>;

function gatewayBot(ctx: FakeContext): APIGatewayBotInfo {
  return {
    url: ctx.settings.gatewayUrl(),
    shards: ctx.settings.recommendedShards,
    // @discordjs/ws caches this for reset_after ms and builds its identify throttler from max_concurrency.
    session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: ctx.settings.maxConcurrency },
  };
}

function application(ctx: FakeContext): Record<string, unknown> {
  const bot = ctx.world.botUser();
  return {
    id: ctx.world.ids.application,
    name: bot.username,
    icon: null,
    description: 'Fake application',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: ctx.settings.applicationFlags,
    team: null,
    owner: ctx.world.user('owner'),
    bot,
    approximate_guild_count: 1,
    install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
  };
}

function requireGuild(ctx: FakeContext, params: RouteParams): string {
  const guildId = params.get('guild');
  if (!ctx.world.hasGuild(guildId)) throw unknownEntity('Guild');
  return guildId;
}

function getChannel(ctx: FakeContext, params: RouteParams): ReturnType<typeof ok> {
  const channelId = params.get('channel');
  const found = ctx.world.findChannel(channelId);
  if (!found) throw unknownEntity('Channel');
  if (found.kind === 'guild' && !(ctx.world.botPermissionsIn(channelId) & PermissionFlagsBits.ViewChannel)) throw missingAccess();
  return ok(found.channel);
}

function createDm(ctx: FakeContext, body: unknown): ReturnType<typeof ok> {
  const recipient = typeof body === 'object' && body !== null ? (body as { recipient_id?: unknown }).recipient_id : undefined;
  if (typeof recipient !== 'string') throw invalidFormBody('recipient_id', 'BASE_TYPE_REQUIRED', 'This field is required');
  if (!ctx.world.users.has(recipient)) throw unknownEntity('User');
  return ok(ctx.world.dmChannelFor(recipient));
}

export const coreRoutes: Route[] = [
  { method: 'GET', path: '/gateway', auth: false, handler: (ctx) => ok({ url: ctx.settings.gatewayUrl() }) },
  { method: 'GET', path: '/gateway/bot', auth: true, handler: (ctx) => ok(gatewayBot(ctx)) },
  { method: 'GET', path: '/users/@me', auth: true, handler: (ctx) => ok(ctx.world.botUser()) },
  { method: 'POST', path: '/users/@me/channels', auth: true, handler: (ctx, req) => createDm(ctx, req.body) },
  {
    method: 'GET',
    path: '/users/:user',
    auth: true,
    handler: (ctx, _req, p) => {
      const user = ctx.world.users.get(p.get('user'));
      if (!user) throw unknownEntity('User');
      return ok(user);
    },
  },
  { method: 'GET', path: '/applications/@me', auth: true, handler: (ctx) => ok(application(ctx)) },
  { method: 'GET', path: '/oauth2/applications/@me', auth: true, handler: (ctx) => ok(application(ctx)) },
  { method: 'GET', path: '/channels/:channel', auth: true, handler: (ctx, _req, p) => getChannel(ctx, p) },
  {
    method: 'POST',
    path: '/channels/:channel/typing',
    auth: true,
    handler: (ctx, _req, p) => {
      getChannel(ctx, p);
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guild',
    auth: true,
    handler: (ctx, req, p) => {
      const guildId = requireGuild(ctx, p);
      const counts = req.query.get('with_counts') === 'true' ? { approximate_member_count: 4, approximate_presence_count: 0 } : {};
      return ok({ ...ctx.world.guildPayload(guildId), ...counts });
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guild/channels',
    auth: true,
    handler: (ctx, _req, p) => {
      return ok(ctx.world.guildChannels(requireGuild(ctx, p)));
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guild/roles',
    auth: true,
    handler: (ctx, _req, p) => {
      return ok(ctx.world.guildPayload(requireGuild(ctx, p)).roles);
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guild/members/:user',
    auth: true,
    handler: (ctx, _req, p) => {
      const member = ctx.world.apiMember(p.get('user'), requireGuild(ctx, p));
      if (!member) throw unknownEntity('Member');
      return ok(member);
    },
  },
];
