/**
 * How much danger a message shows, in three levels:
 * - `crisis`: someone may be in danger now; urgent guidance comes first;
 * - `concern`: distress without danger now, or danger in the past; the answer is led by one
 *   line on where to get support;
 * - `none`.
 *
 * Three layers, each explainable: high-precision phrases (data with examples), learned models
 * over word and character n-grams (trained by `npm run train` on `training/risk-messages.jsonl`:
 * crisis/concern/none, and a second opinion that tells a crisis from its look-alikes; both must
 * agree), and a gate of risk cues (hand-listed in `rules/risk-cues.json`, plus those learned from the
 * labelled messages): a message without any cue is never flagged, however the model scores it.
 *
 * ```ts
 * detector.assess('found a bridge near my place that would work').level; // 'crisis'
 * detector.assess('that meme killed me lol').level;                       // 'none'
 * ```
 */
import { z } from 'zod';
import { featurize, type FeatureOptions } from '../learn/features.js';
import type { SoftmaxModel } from '../learn/softmax.js';
import { plainText, readRules } from './chat-rules.js';

export type RiskLevel = 'crisis' | 'concern' | 'none';
export const RISK_LEVELS: RiskLevel[] = ['crisis', 'concern', 'none'];

export interface RiskOptions {
  /** The model's crisis probability at or above which a message (that passes the gate) is a crisis. */
  crisisThreshold: number;
  /**
   * The look-alike model's crisis probability a message also needs to be a crisis by the model:
   * the second opinion that tells a crisis from a message that only sounds like one.
   */
  lookAlikeThreshold: number;
  /** Crisis plus concern probability at or above which it is a concern. */
  concernThreshold: number;
  /** A phrase match is only a concern when the model gives concern at least this probability. */
  phraseConcernOverride: number;
  /**
   * A message the chat rules read as a greeting or thanks ("ok thank u bye") is a crisis by the
   * model only at this probability or above; below it, a concern. Phrases still make it a crisis.
   */
  chatCrisisThreshold: number;
  /** Whether a message needs a risk cue to be flagged (off only to measure the model alone). */
  gate: boolean;
}

/**
 * Chosen by cross-validation on the training part (`npm run bench:tune -- --risk-only`), crisis
 * recall first: of the settings that recall at least 97% of crises with false alarms on at most
 * 0.5% of ordinary questions, those also within 3% of hard negatives if any, else all of them; of
 * those, the one with the fewest false alarms measured against the targets. On the current data
 * none at 97% is within the hard-negative target (the ninth round added harder look-alikes): 97.1%
 * recall with false alarms on 4.8% of hard negatives and 0.4% of ordinary questions. The best
 * within both targets recalled 95.5% (3.0% and 0.2%), and at its threshold a plain "I took too
 * much kratom with my antidepressants and I feel like I am dying" was only a concern: a missed
 * crisis costs more than urgent guidance shown to someone who only sounds like one. Retune after
 * adding data: the models' calibration moves with it. A crisis below the threshold is mostly still
 * a concern, whose reply leads with where to get support.
 */
export const DEFAULT_RISK_OPTIONS: RiskOptions = {
  crisisThreshold: 0.3,
  lookAlikeThreshold: 0.4,
  concernThreshold: 0.5,
  phraseConcernOverride: 0.6,
  chatCrisisThreshold: 0.7,
  gate: true,
};

export interface RiskAssessment {
  level: RiskLevel;
  /** What decided: a phrase, the model, the gate (no cue), or nothing notable. */
  decidedBy: 'phrase' | 'model' | 'gate';
  phrase?: string;
  cue?: string;
  /** Model probabilities for crisis, concern and none. */
  probabilities: Record<RiskLevel, number>;
  /** The look-alike model's crisis probability, when the model layer decided (1 without that model). */
  lookAlike?: number;
}

const phrasesSchema = z.object({
  _about: z.string().optional(),
  phrases: z.array(
    z.object({ phrase: z.string().trim().min(1), examples: z.array(z.string()).min(1), counterExamples: z.array(z.string()) }),
  ),
});
const cuesSchema = z.object({
  _about: z.string().optional(),
  cues: z.array(z.string().trim().min(1)).min(1),
  examples: z.array(z.string()),
  counterExamples: z.array(z.string()),
});
export type CrisisPhrasesData = z.infer<typeof phrasesSchema>;
export type RiskCuesData = z.infer<typeof cuesSchema>;

export const DEFAULT_CRISIS_PHRASES_FILE = new URL('../../rules/crisis-phrases.json', import.meta.url).pathname;
export const DEFAULT_RISK_CUES_FILE = new URL('../../rules/risk-cues.json', import.meta.url).pathname;

export function loadCrisisPhrases(file = DEFAULT_CRISIS_PHRASES_FILE): CrisisPhrasesData {
  return readRules(file, phrasesSchema);
}
export function loadRiskCues(file = DEFAULT_RISK_CUES_FILE): RiskCuesData {
  return readRules(file, cuesSchema);
}

/** Undoes digit-for-letter spellings ("su1c1dal", "k1ll") in words that have letters. */
export function unLeet(text: string): string {
  return text.replace(/\S*[013457@$]\S*/g, (word) =>
    /[a-z]/.test(word) && !/^\d+[a-z]{1,2}$/.test(word)
      ? word.replace(/1/g, 'i').replace(/0/g, 'o').replace(/3/g, 'e').replace(/4|@/g, 'a').replace(/5|\$/g, 's').replace(/7/g, 't')
      : word,
  );
}

/** Plain text for matching phrases and cues, with emoji kept. */
export function riskText(message: string): string {
  const emoji = message.match(/\p{Extended_Pictographic}/gu) ?? [];
  return `${unLeet(plainText(message))} ${emoji.join(' ')}`.trim();
}

/** The words of a message as the gate and the phrases see them. */
export function riskTokens(message: string): string[] {
  return riskText(message).split(' ').filter(Boolean);
}

/** A word list where `word*` matches any ending: compiled to one test. */
class WordMatcher {
  private readonly exact = new Set<string>();
  private readonly prefixes: string[] = [];
  constructor(words: string[]) {
    for (const word of words) {
      if (word.endsWith('*')) this.prefixes.push(word.slice(0, -1));
      else this.exact.add(word);
    }
  }
  find(tokens: string[]): string | undefined {
    return tokens.find((token) => this.exact.has(token) || this.prefixes.some((prefix) => token.startsWith(prefix)));
  }
}

export class RiskDetector {
  private readonly phrases: { phrase: string; words: string[] }[];
  private readonly cues: WordMatcher;

  constructor(
    private readonly model: SoftmaxModel | null,
    phrases: CrisisPhrasesData,
    cues: RiskCuesData,
    private readonly features: FeatureOptions,
    private readonly options: RiskOptions = DEFAULT_RISK_OPTIONS,
    learnedCues: string[] = [],
    private readonly lookAlikes: SoftmaxModel | null = null,
  ) {
    this.phrases = phrases.phrases.map(({ phrase }) => ({ phrase, words: phrase.toLowerCase().split(/\s+/) }));
    this.cues = new WordMatcher([...cues.cues, ...learnedCues]);
  }

  /** The first high-precision phrase in the message, if any. */
  phraseIn(message: string): string | undefined {
    const tokens = riskTokens(message);
    return this.phrases.find(({ words }) => containsWords(tokens, words))?.phrase;
  }

  /** The first risk cue in the message: without one, nothing is flagged. */
  cueIn(message: string): string | undefined {
    return this.cues.find(riskTokens(message));
  }

  probabilities(message: string): Record<RiskLevel, number> {
    if (!this.model) return { crisis: 0, concern: 0, none: 1 };
    const p = this.model.predict(featurize(message, this.features));
    const at = (level: RiskLevel): number => p[this.model!.classes.indexOf(level)] ?? 0;
    return { crisis: at('crisis'), concern: at('concern'), none: at('none') };
  }

  /** The look-alike model's crisis probability: 1 without that model, so it never vetoes. */
  lookAlikeCrisis(message: string): number {
    if (!this.lookAlikes) return 1;
    return this.lookAlikes.predict(featurize(message, this.features))[this.lookAlikes.classes.indexOf('crisis')] ?? 0;
  }

  /** As {@link assess}, for a message the chat rules read as a greeting, thanks or "tell me more". */
  assessChat(message: string): RiskAssessment {
    const risk = this.assess(message);
    if (risk.level === 'crisis' && risk.decidedBy === 'model' && risk.probabilities.crisis < this.options.chatCrisisThreshold)
      return { ...risk, level: 'concern' };
    return risk;
  }

  assess(message: string): RiskAssessment {
    return decideRisk(this.scores(message), this.options);
  }

  /**
   * What {@link assess} decides from: the cue, the phrase and the models' scores. The look-alike
   * model is asked only when neither a phrase nor the gate decides.
   */
  scores(message: string): RiskScores {
    const cue = this.cueIn(message);
    const phrase = this.phraseIn(message);
    const probabilities = this.probabilities(message);
    const modelDecides = !phrase && (cue !== undefined || !this.options.gate);
    return {
      ...(cue ? { cue } : {}),
      ...(phrase ? { phrase } : {}),
      probabilities,
      ...(modelDecides && this.lookAlikes ? { lookAlike: this.lookAlikeCrisis(message) } : {}),
    };
  }
}

export interface RiskScores {
  cue?: string;
  phrase?: string;
  probabilities: Record<RiskLevel, number>;
  /** The look-alike model's crisis probability, when the models decide and there is that model. */
  lookAlike?: number;
}

/**
 * The level from a message's scores: a phrase decides first (a crisis, unless the model reads it
 * as concern), then the gate (no cue, no flag), then the models' thresholds. Pure, so that
 * `npm run bench:tune` can score each message once and try many thresholds.
 */
export function decideRisk(scores: RiskScores, options: RiskOptions): RiskAssessment {
  const { cue, phrase, probabilities, lookAlike } = scores;
  if (phrase) {
    // "I was suicidal back in 2019" is history: the model, trained on such messages, says so.
    const level = probabilities.concern >= options.phraseConcernOverride ? 'concern' : 'crisis';
    return { level, decidedBy: 'phrase', phrase, ...(cue ? { cue } : {}), probabilities };
  }
  if (!cue && options.gate) return { level: 'none', decidedBy: 'gate', probabilities };
  const { crisisThreshold, lookAlikeThreshold, concernThreshold } = options;
  const level: RiskLevel =
    probabilities.crisis >= crisisThreshold && (lookAlike === undefined || lookAlike >= lookAlikeThreshold)
      ? 'crisis'
      : probabilities.crisis + probabilities.concern >= concernThreshold
        ? 'concern'
        : 'none';
  return { level, decidedBy: 'model', ...(cue ? { cue } : {}), probabilities, lookAlike: lookAlike ?? 1 };
}

function containsWords(tokens: string[], words: string[]): boolean {
  outer: for (let i = 0; i + words.length <= tokens.length; i++) {
    for (let j = 0; j < words.length; j++) {
      const word = words[j]!;
      const token = tokens[i + j]!;
      if (word.endsWith('*') ? !token.startsWith(word.slice(0, -1)) : token !== word) continue outer;
    }
    return true;
  }
  return false;
}
