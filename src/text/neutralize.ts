/**
 * Someone's text, made safe to quote back in a message: it shows as the characters they typed
 * and nothing more. Control and invisible formatting characters (including bidirectional
 * overrides) are removed, line breaks and runs of spaces become one space, Discord Markdown is
 * escaped (so no bold, headings, spoilers, code, masked links, mentions, emoji or timestamps,
 * and no auto-linked URL), and the result is at most `maxLength` characters, "…" marking a cut.
 */

/**
 * Discord Markdown and markup, each shown literally when preceded by a backslash: emphasis and
 * code (\ * _ ~ ` |), masked links ([ ] ( )), quotes and headings (> #), mentions, custom emoji
 * and timestamps (< @), and ":" so that "https://…" is not turned into a link.
 */
const MARKDOWN = /[\\*_~`|[\]()<>@#:]/g;
/** Cc (controls, including line breaks and tabs), Cf (format: zero-width, bidi overrides, BOM), line and paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]+/gu;

export const DEFAULT_MAX_LENGTH = 100;

export function neutralize(text: string, maxLength = DEFAULT_MAX_LENGTH): string {
  const visible = text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  // Bound before escaping, so a cut never splits an escape, and count code points, so it never splits a surrogate pair.
  const characters = Array.from(visible);
  const bounded =
    characters.length > maxLength
      ? `${characters
          .slice(0, Math.max(0, maxLength - 1))
          .join('')
          .trimEnd()}…`
      : visible;
  return bounded.replace(MARKDOWN, (character) => `\\${character}`);
}
