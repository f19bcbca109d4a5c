/**
 * The words the bot adds around the article's quotes: the safety note that ends every reply,
 * the urgent crisis guidance, and which of the article's sentences make the safety summary.
 */

/**
 * On every reply of every kind. Grounded in the article's "Potential Considerations",
 * "Potential Interaction with Medications" and "Seeking Professional Guidance" sections.
 */
export const BASE_SAFETY_NOTE =
  '⚠️ Safety note: this is educational information quoted from one article, not medical advice. ' +
  'Kratom can lead to dependency and withdrawal, and it may interact with medications such as ' +
  'antidepressants or anti-anxiety drugs. Talk to a healthcare professional before using it, ' +
  'especially if you have a mental-health condition or take prescription medications.';

/** Shown first on a crisis reply. A deployment may replace it with local numbers (CRISIS_TEXT). */
export const DEFAULT_CRISIS_TEXT =
  '🚨 If you or someone near you may be in danger right now (thoughts of suicide or self-harm, ' +
  'an overdose, trouble breathing, a seizure, chest pain or someone who will not wake up), ' +
  'contact your local emergency services now (911 in the US and Canada, 112 in the EU, 999 in the UK) ' +
  'or a crisis line (call or text 988 in the US; findahelpline.com lists others). ' +
  'If it is someone else, stay with them. You do not have to handle this alone.';

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

export function safetyTexts(options: SafetyOptions = {}): SafetyTexts {
  const extra = options.safetyNoteExtra?.trim();
  return {
    safetyNote: extra ? `${BASE_SAFETY_NOTE} ${extra}` : BASE_SAFETY_NOTE,
    crisisText: options.crisisText?.trim() || DEFAULT_CRISIS_TEXT,
  };
}

/**
 * The safety summary: sentences picked from the article's safety-relevant passages, each named by
 * the passage id and the sentence's opening words. The engine resolves them to the verbatim
 * sentences at start-up and refuses to start if one is missing, so an edit to the corpus
 * cannot silently empty the summary.
 */
export const SAFETY_SUMMARY_SENTENCES: { passageId: string; startsWith: string }[] = [
  { passageId: 'kratom-mental-health/potential-considerations/dependency-and-withdrawal/p1', startsWith: 'Long-term or excessive use' },
  { passageId: 'kratom-mental-health/potential-interaction-with-medications/p1', startsWith: 'Kratom’s interaction with certain medications' },
  { passageId: 'kratom-mental-health/potential-considerations/variability-in-effects/p1', startsWith: 'While some may experience' },
  { passageId: 'kratom-mental-health/potential-considerations/lack-of-regulation-and-research/p1', startsWith: 'Additionally, limited scientific research' },
  { passageId: 'kratom-mental-health/seeking-professional-guidance/consultation-with-a-healthcare-provider/p1', startsWith: 'Before incorporating kratom' },
  { passageId: 'kratom-mental-health/seeking-professional-guidance/exploration-and-responsible-use/p1', startsWith: 'Start with lower doses' },
];
