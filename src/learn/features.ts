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

// The risk models and the ranker featurise the same message one after the other, with different
// numbers of buckets and family weights: remember the last message's hashed features, and its
// vector for each bucket count and weighting.
let last: { text: string; grams: string; raw: RawFeatures; vectors: Map<string, SparseVector> } | undefined;

export function featurize(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): SparseVector {
  const grams = `${options.charMin} ${options.charMax}`;
  if (!last || last.text !== text || last.grams !== grams) last = { text, grams, raw: rawFeatures(text, options), vectors: new Map() };
  const weights = familyWeights(options);
  const key = `${options.bits} ${weights.join(' ')}`;
  let vector = last.vectors.get(key);
  if (!vector) {
    vector = bucketed(last.raw, options.bits, weights);
    last.vectors.set(key, vector);
  }
  return vector;
}

/** Feature families, in the order {@link familyWeights} lists their weights. */
const WORDS = 0;
const BIGRAMS = 1;
const CHARS = 2;

function familyWeights(options: FeatureOptions): number[] {
  return [options.wordWeight, options.bigramWeight, options.charWeight];
}

/** Every feature's full hash and family, in order, before the families are weighed and folded into buckets. */
interface RawFeatures {
  hashes: number[];
  families: number[];
  /** The square root of the size of the feature's family, which divides its weight. */
  roots: number[];
}

function rawFeatures(text: string, options: FeatureOptions): RawFeatures {
  const raw: RawFeatures = { hashes: [], families: [], roots: [] };
  const words = tokenize(text);
  const stems = words.map(stem);
  const family = (id: number, features: string[]): void => {
    if (features.length === 0) return;
    // Each family weighs the same however long the message: a story does not drown its question.
    const root = Math.sqrt(features.length);
    for (const feature of features) {
      raw.hashes.push(hash(feature));
      raw.families.push(id);
      raw.roots.push(root);
    }
  };
  family(WORDS, [...words.map((w) => `w:${w}`), ...stems.map((s) => `s:${s}`)]);
  family(
    BIGRAMS,
    stems.slice(1).map((s, i) => `b:${stems[i]}_${s}`),
  );
  const grams: string[] = [];
  for (const word of words) {
    const padded = ` ${word} `;
    for (let n = options.charMin; n <= options.charMax; n++) {
      for (let i = 0; i + n <= padded.length; i++) grams.push(`c:${padded.slice(i, i + n)}`);
    }
  }
  family(CHARS, grams);
  return raw;
}

// One scratch array per bucket count (2 MiB at 2^18), zeroed again after each use: summing into it is faster
// than a Map for the thousand-odd features of a long message (answer p99 about 1.0 → 0.8 ms).
const scratch = new Map<number, Float64Array>();

function bucketed(raw: RawFeatures, bits: number, weights: number[]): SparseVector {
  const mask = (1 << bits) - 1;
  let sums = scratch.get(bits);
  if (!sums) {
    sums = new Float64Array(1 << bits);
    scratch.set(bits, sums);
  }
  const touched: number[] = [];
  for (let i = 0; i < raw.hashes.length; i++) {
    const weight = weights[raw.families[i]!]! / raw.roots[i]!;
    // A family weighed 0 is left out: adding 0 would leave its bucket at 0 and list it twice.
    if (weight === 0) continue;
    const id = raw.hashes[i]! & mask;
    if (sums[id] === 0) touched.push(id);
    sums[id]! += weight;
  }
  // Empty messages get a bias-only vector.
  const ids = Int32Array.from(touched).sort();
  const values = new Float32Array(ids.length);
  let norm = 0;
  ids.forEach((id, i) => {
    const value = sums[id]!;
    values[i] = value;
    norm += value * value;
    sums[id] = 0;
  });
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
  return { ids, values };
}
