/**
 * The words the bot adds around the corpus's quotes: the safety note that ends every reply, the
 * urgent guidance that leads a crisis reply, the line that keeps it first in a follow-up, and the
 * support line that leads a reply to someone in distress.
 */

/** The longest the note may be (with no deployment extra): it ends every message, so it stays short. */
export const MAX_SAFETY_NOTE_LENGTH = 300;

/**
 * On every reply of every kind: where the quotes come from, the corpus's own caution (its
 * presentation.json `caution`, grounded in its text), and a last line that points someone in
 * danger now to help. Throws when the caution makes it longer than {@link MAX_SAFETY_NOTE_LENGTH}.
 */
export function baseSafetyNote(source: string, caution: string): string {
  const note = `⚠️ Educational information from ${source}, not medical advice. ${caution}\n🆘 In danger now? Call your local emergency number or a crisis line.`;
  if (note.length > MAX_SAFETY_NOTE_LENGTH) {
    throw new Error(
      `corpus presentation.json: "caution" makes the safety note ${note.length} characters, more than ${MAX_SAFETY_NOTE_LENGTH}; shorten it`,
    );
  }
  return note;
}

/** Shown first on a crisis reply; short lines that read on a phone. A deployment or server may replace it. */
export const DEFAULT_CRISIS_TEXT = [
  '🚨 If you or someone near you may be in danger right now:',
  '• Call your local emergency number now (911 in the US and Canada, 112 in the EU, 999 in the UK).',
  '• Call or text a crisis line: 988 in the US; others at https://findahelpline.com',
  '• If it is someone else, stay with them until help arrives.',
  'You do not have to handle this alone.',
].join('\n');

/** Leads every later reply in a conversation that had a crisis. */
export const CRISIS_REMINDER =
  '🚨 If you or someone else is in danger now, call your local emergency number or a crisis line (988 in the US; https://findahelpline.com).';

/** Leads the answer to a message that shows distress without danger now. */
export const SUPPORT_LINE =
  '💬 It sounds like things are hard. Talking to someone helps: a crisis line (988 in the US; https://findahelpline.com) or a professional you trust.';

export interface SafetyTexts {
  /** The full note: the base note, then any text the deployment adds. */
  safetyNote: string;
  crisisText: string;
}

export interface SafetyOptions {
  /** Added after the base note; it can never replace or remove it. */
  safetyNoteExtra?: string | undefined;
  crisisText?: string | undefined;
}

export function safetyTexts(options: SafetyOptions, source: string, caution: string): SafetyTexts {
  const extra = options.safetyNoteExtra?.trim();
  const base = baseSafetyNote(source, caution);
  return {
    safetyNote: extra ? `${base} ${extra}` : base,
    crisisText: options.crisisText?.trim() || DEFAULT_CRISIS_TEXT,
  };
}
