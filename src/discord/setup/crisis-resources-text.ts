/**
 * A server's crisis resources: the text crisis replies open with. It must point somewhere
 * real (a phone number or an https link), fit a reply, and stay plain text.
 */
import { z } from 'zod';

export const CRISIS_TEXT_MIN = 20;
export const CRISIS_TEXT_MAX = 1000;

/** Three or more digits, optionally grouped: 988, 112, 116 123, 0800 111 0 111, +49 30 1234567, 13 11 14. */
const PHONE_NUMBER = /(?<![\p{L}\p{N}])\+?\d(?:[ \-.()/]?\d){2,}(?![\p{L}\p{N}])/u;
const HTTPS_LINK = /https:\/\/[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(\/\S*)?/u;

export const crisisTextSchema = z
  .string()
  .transform((text) => text.trim())
  .pipe(
    z
      .string()
      .min(CRISIS_TEXT_MIN, `It is too short: at least ${CRISIS_TEXT_MIN} characters, so it can say who to call and how.`)
      .max(CRISIS_TEXT_MAX, `It is too long: at most ${CRISIS_TEXT_MAX} characters, so it fits at the top of a reply.`)
      .refine(
        (text) => PHONE_NUMBER.test(text) || HTTPS_LINK.test(text),
        'It needs at least one phone number (e.g. 988 or 116 123) or an https:// link to a crisis service.',
      )
      .refine((text) => !/@(everyone|here)\b|<@[!&]?\d+>/.test(text), 'It must not mention @everyone, @here, a member or a role.'),
  );

export type CrisisTextCheck = { ok: true; text: string } | { ok: false; problems: string[] };

export function checkCrisisText(input: string): CrisisTextCheck {
  const parsed = crisisTextSchema.safeParse(input);
  return parsed.success ? { ok: true, text: parsed.data } : { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
}

/**
 * Suggestions offered while typing (autocomplete): emergency number and a national crisis
 * line, per country. A starting point the moderator checks and edits, not an endorsement.
 */
export const CRISIS_TEXT_SUGGESTIONS: readonly string[] = [
  'US: emergency 911. Suicide & Crisis Lifeline: call or text 988 (24/7), or https://988lifeline.org',
  'Canada: emergency 911. Suicide Crisis Helpline: call or text 988 (24/7).',
  'UK: emergency 999. Samaritans: call 116 123 (free, 24/7).',
  'Ireland: emergency 112 or 999. Samaritans: call 116 123 (free, 24/7).',
  'Germany: Notruf 112. TelefonSeelsorge: 0800 111 0 111 or 0800 111 0 222 (free, 24/7).',
  'Austria: Notruf 144. TelefonSeelsorge: 142 (free, 24/7).',
  'Australia: emergency 000. Lifeline: 13 11 14 (24/7).',
  'France: urgences 112 ou 15. Prévention du suicide: 3114 (gratuit, 24/7).',
  'EU: emergency 112 in every member state.',
];
