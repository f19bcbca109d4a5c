/**
 * Turns a message into a sparse, L2-normalised feature vector for the learned models: words,
 * their Porter stems, stem bigrams and character n-grams (which carry typos, slang spellings and
 * word endings), each family hashed into one shared space.
 *
 * ```ts
 * const f = featurize('is kratum addictive??');
 * f.ids.length === f.values.length; // sparse: hashed feature ids and their weights
 * ```
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

export interface FeatureOptions {
  /** Feature ids are hashed into 2^bits buckets. */
  bits: number;
  /** Character n-gram lengths, inclusive. */
  charMin: number;
  charMax: number;
  /** How much each family weighs before the whole vector is normalised. */
  wordWeight: number;
  bigramWeight: number;
  charWeight: number;
}

/** Defaults measured with `npm run bench` (cross-validated on the training part). */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  bits: 16,
  charMin: 3,
  charMax: 5,
  wordWeight: 1,
  bigramWeight: 0.6,
  charWeight: 1.2,
};

export interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

/** Lower case, no accents or apostrophes, Discord mentions and links dropped. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/<[@#][!&]?\d+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/['’‘`´]/g, '');
}

/** Words of normalised text: runs of letters and digits; emoji kept as their own tokens. */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(/[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu) ?? [];
}

/** 32-bit FNV-1a: stable across runs and machines, so a saved model keeps its meaning. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^\p{L}+$/u.test(word) ? PorterStemmer.stem(word) : word;
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

// The risk model and the ranker featurise the same message one after the other: remember the last.
let last: { text: string; options: FeatureOptions; vector: SparseVector } | undefined;

export function featurize(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): SparseVector {
  if (last && last.text === text && last.options === options) return last.vector;
  const vector = computeFeatures(text, options);
  last = { text, options, vector };
  return vector;
}

function computeFeatures(text: string, options: FeatureOptions): SparseVector {
  const mask = (1 << options.bits) - 1;
  const weights = new Map<number, number>();
  const add = (feature: string, weight: number): void => {
    const id = hash(feature) & mask;
    weights.set(id, (weights.get(id) ?? 0) + weight);
  };
  const words = tokenize(text);
  const stems = words.map(stem);
  const family = (features: string[], weight: number): void => {
    if (features.length === 0) return;
    // Each family weighs the same however long the message: a story does not drown its question.
    const each = weight / Math.sqrt(features.length);
    for (const feature of features) add(feature, each);
  };
  family([...words.map((w) => `w:${w}`), ...stems.map((s) => `s:${s}`)], options.wordWeight);
  family(
    stems.slice(1).map((s, i) => `b:${stems[i]}_${s}`),
    options.bigramWeight,
  );
  const grams: string[] = [];
  for (const word of words) {
    const padded = ` ${word} `;
    for (let n = options.charMin; n <= options.charMax; n++) {
      for (let i = 0; i + n <= padded.length; i++) grams.push(`c:${padded.slice(i, i + n)}`);
    }
  }
  family(grams, options.charWeight);
  // Empty messages get a bias-only vector.
  const ids = Int32Array.from(weights.keys()).sort();
  const values = new Float32Array(ids.length);
  let norm = 0;
  ids.forEach((id, i) => {
    const value = weights.get(id) ?? 0;
    values[i] = value;
    norm += value * value;
  });
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
  return { ids, values };
}
