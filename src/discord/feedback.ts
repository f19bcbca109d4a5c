/**
 * "Helpful" / "Not helpful" under answers. A button keeps what it rates in its custom id
 * (`kgf:<h|n>:<corpus fingerprint>:<kind code>:<passage ordinals>:<other passages' ordinals>`),
 * so it works after a restart. A rating is counted once per person per answer message while
 * the bot runs (remembered in memory only), and stored as counts per passage and per answer
 * kind per server per day: never who rated, never the question.
 */
import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId, type ButtonInteraction } from 'discord.js';
import type { AnswerEngine } from '../engine/engine.js';
import { onePerSection } from '../stats/count-answer.js';
import { QUESTION_KINDS, questionKind, type QuestionKind, type StatsReply } from '../stats/question-kind.js';
import type { BotContext } from './bot-context.js';
import { CUSTOM_ID_MAX, OTHER_PAGE } from './buttons.js';
import type { ActionRow } from './render.js';
import { respond } from './respond.js';

export const FEEDBACK_PREFIX = 'kgf:';
export const HELPFUL_LABEL = 'Helpful';
export const NOT_HELPFUL_LABEL = 'Not helpful';
export const THANKS_HELPFUL =
  'Thanks, counted. Moderators see how many answers from each section people found helpful (never who said so).';
export const THANKS_NOT_HELPFUL = 'Thanks, counted. Moderators see which sections people found unhelpful (never who said so).';
export const ALREADY_RATED = 'You have already rated this answer; your first rating is the one counted.';
export const NOTHING_CLOSER = 'The article has no other passages close to this question. /sections lists everything it covers.';
export const OTHER_PASSAGES_LEAD = 'The nearest other passages in the article:';

/** Answers to questions that can be rated: not crisis replies (urgent) nor help. */
const RATED_KINDS: ReadonlySet<QuestionKind> = new Set(['answered', 'partial', 'not_covered']);

export interface FeedbackClick {
  helpful: boolean;
  kind: QuestionKind;
  passageIds: string[];
  otherIds: string[];
}

export class FeedbackCodec {
  private readonly ids: string[];
  private readonly ordinals: Map<string, number>;

  constructor(
    engine: Pick<AnswerEngine, 'passageIds'>,
    private readonly fingerprint: string,
  ) {
    this.ids = engine.passageIds();
    this.ordinals = new Map(this.ids.map((id, i) => [id, i]));
  }

  encode(click: FeedbackClick): string {
    const head = `${FEEDBACK_PREFIX}${click.helpful ? 'h' : 'n'}:${this.fingerprint}:${QUESTION_KINDS.indexOf(click.kind)}:${this.list(click.passageIds)}:`;
    const others = click.otherIds
      .map((id) => this.ordinals.get(id))
      .filter((n): n is number => n !== undefined)
      .map((n) => n.toString(36));
    while (others.length > 0 && head.length + others.join('.').length > CUSTOM_ID_MAX) others.pop();
    return head + others.join('.');
  }

  /** The click, or undefined for an id from an older article (or not a feedback id). */
  decode(customId: string): FeedbackClick | undefined {
    const match = /^kgf:([hn]):([\w-]+):(\d):([0-9a-z.]*):([0-9a-z.]*)$/.exec(customId);
    if (!match || match[2] !== this.fingerprint) return undefined;
    const kind = QUESTION_KINDS[Number(match[3])];
    const passageIds = this.parse(match[4]!);
    const otherIds = this.parse(match[5]!);
    if (!kind || !passageIds || !otherIds) return undefined;
    return { helpful: match[1] === 'h', kind, passageIds, otherIds };
  }

  /** The row of rating buttons for a reply, or none when it is not a ratable answer. */
  rowFor(reply: StatsReply): ActionRow[] {
    const kind = questionKind(reply);
    if (!kind || !RATED_KINDS.has(kind)) return [];
    const passageIds = onePerSection(reply.passages);
    const otherIds = reply.alternativeIds ?? [];
    const buttons: APIButtonComponentWithCustomId[] = [
      button(this.encode({ helpful: true, kind, passageIds, otherIds: [] }), HELPFUL_LABEL, ButtonStyle.Success),
      button(this.encode({ helpful: false, kind, passageIds, otherIds }), NOT_HELPFUL_LABEL, ButtonStyle.Secondary),
    ];
    return [{ type: ComponentType.ActionRow, components: buttons }];
  }

  private list(ids: string[]): string {
    return ids
      .map((id) => this.ordinals.get(id))
      .filter((n): n is number => n !== undefined)
      .map((n) => n.toString(36))
      .join('.');
  }

  private parse(list: string): string[] | undefined {
    if (list === '') return [];
    const ids = list.split('.').map((n) => this.ids[parseInt(n, 36)]);
    return ids.some((id) => id === undefined) ? undefined : (ids as string[]);
  }
}

function button(customId: string, label: string, style: ButtonStyle.Success | ButtonStyle.Secondary): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style, custom_id: customId, label };
}

/** The buttons under an answer: the answer buttons ("more", "other"), then the rating row. */
export function answerComponents(bot: BotContext, reply: StatsReply, otherIds?: string[]): ActionRow[] {
  return [...bot.buttons.buttonsFor(reply, otherIds), ...bot.feedback.rowFor(reply)];
}

export function isFeedbackButton(customId: string): boolean {
  return customId.startsWith(FEEDBACK_PREFIX);
}

export async function handleFeedback(interaction: ButtonInteraction, bot: BotContext): Promise<void> {
  const click = bot.feedback.decode(interaction.customId);
  if (!click) {
    await respond(
      interaction,
      bot.engine.notice('This answer is from an older version of the article, so its rating is no longer counted. Thank you all the same.'),
      { ephemeral: true },
    );
    bot.logger.info({ event: 'feedback', outcome: 'stale' });
    return;
  }
  const first = bot.rated.allow(`${interaction.message.id}:${interaction.user.id}`);
  if (first) {
    const guildId = interaction.guildId;
    bot.stats.count(guildId, click.helpful ? 'helpful_kind' : 'not_helpful_kind', click.kind);
    for (const id of click.passageIds) bot.stats.count(guildId, click.helpful ? 'helpful' : 'not_helpful', id);
  }
  bot.logger.info({ event: 'feedback', helpful: click.helpful, outcome: first ? 'counted' : 'already_rated' });
  const thanks = first ? (click.helpful ? THANKS_HELPFUL : THANKS_NOT_HELPFUL) : ALREADY_RATED;
  if (click.helpful) {
    await respond(interaction, bot.engine.notice(thanks), { ephemeral: true });
    return;
  }
  if (click.otherIds.length === 0) {
    await respond(interaction, bot.engine.notice(`${thanks}\n\n${NOTHING_CLOSER}`), { ephemeral: true });
    return;
  }
  const shown = bot.engine.showPassages(click.otherIds.slice(0, OTHER_PAGE));
  const reply = { ...shown, lead: [thanks, OTHER_PASSAGES_LEAD, ...shown.lead] };
  await respond(interaction, reply, { ephemeral: true, components: bot.buttons.buttonsFor(reply, click.otherIds.slice(OTHER_PAGE)) });
}
