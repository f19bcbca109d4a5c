/**
 * Multinomial logistic regression (softmax) over sparse hashed features, trained by SGD with L2
 * regularisation in a seeded order: the same data and options always give the same weights.
 *
 * ```ts
 * const model = SoftmaxModel.train(examples, ['a', 'b'], { epochs: 20 });
 * model.predict(featurize('…')); // probabilities, one per class, summing to 1
 * ```
 */
import type { SparseVector } from './features.js';

export interface TrainOptions {
  epochs: number;
  /** Initial learning rate; it decays as 1 / (1 + decay · epoch). */
  learningRate: number;
  decay: number;
  /** L2 penalty per update (applied lazily to the weights an example touches). */
  l2: number;
  /** Seed of the shuffling order. */
  seed: number;
  /** Weigh each class inversely to its size, so that small classes are not drowned. */
  balance: boolean;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 25, learningRate: 0.5, decay: 0.2, l2: 1e-2, seed: 1, balance: true };

export interface LabelledVector {
  vector: SparseVector;
  label: number;
  /** Relative weight of this example (default 1). */
  weight?: number;
}

/** mulberry32: a small seeded generator, so training order is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SerializedSoftmax {
  classes: string[];
  bits: number;
  /** Weights quantised to int8 per class row, base64; scale per class. */
  weights: string;
  scales: number[];
  bias: number[];
}

export class SoftmaxModel {
  private constructor(
    readonly classes: string[],
    readonly bits: number,
    /** Row-major: feature × class. */
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  static train(data: LabelledVector[], classes: string[], bits: number, options: Partial<TrainOptions> = {}): SoftmaxModel {
    const opts = { ...DEFAULT_TRAIN_OPTIONS, ...options };
    const k = classes.length;
    const weights = new Float32Array((1 << bits) * k);
    const bias = new Float32Array(k);
    const counts = new Array<number>(k).fill(0);
    for (const example of data) counts[example.label]! += 1;
    const classWeight = counts.map((count) => (opts.balance && count > 0 ? data.length / (k * count) : 1));
    const order = data.map((_, i) => i);
    const random = seededRandom(opts.seed);
    const scores = new Float64Array(k);
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const rate = opts.learningRate / (1 + opts.decay * epoch);
      for (const index of order) {
        const { vector, label, weight = 1 } = data[index]!;
        softmaxScores(weights, bias, vector, k, scores);
        const step = rate * weight * classWeight[label]!;
        const shrink = 1 - rate * opts.l2;
        for (let c = 0; c < k; c++) {
          const gradient = scores[c]! - (c === label ? 1 : 0);
          bias[c]! -= step * gradient;
          for (let f = 0; f < vector.ids.length; f++) {
            const at = vector.ids[f]! * k + c;
            weights[at] = weights[at]! * shrink - step * gradient * vector.values[f]!;
          }
        }
      }
    }
    return new SoftmaxModel(classes, bits, weights, bias);
  }

  /** Probabilities, one per class, in the order of {@link classes}. */
  predict(vector: SparseVector): Float64Array {
    const scores = new Float64Array(this.classes.length);
    softmaxScores(this.weights, this.bias, vector, this.classes.length, scores);
    return scores;
  }

  serialize(): SerializedSoftmax {
    const k = this.classes.length;
    const rows = 1 << this.bits;
    const scales = this.classes.map((_, c) => {
      let max = 0;
      for (let f = 0; f < rows; f++) max = Math.max(max, Math.abs(this.weights[f * k + c]!));
      return max / 127 || 1;
    });
    const bytes = new Int8Array(rows * k);
    for (let f = 0; f < rows; f++) {
      for (let c = 0; c < k; c++) bytes[f * k + c] = Math.round(this.weights[f * k + c]! / scales[c]!);
    }
    return {
      classes: this.classes,
      bits: this.bits,
      weights: Buffer.from(bytes.buffer).toString('base64'),
      scales: scales.map((s) => Number(s.toPrecision(9))),
      bias: [...this.bias].map((b) => Number(b.toPrecision(9))),
    };
  }

  static deserialize(data: SerializedSoftmax): SoftmaxModel {
    const k = data.classes.length;
    const bytes = new Int8Array(Buffer.from(data.weights, 'base64').buffer.slice(0));
    const rows = 1 << data.bits;
    if (bytes.length !== rows * k) throw new Error(`model: expected ${rows * k} weights, found ${bytes.length}`);
    const weights = new Float32Array(rows * k);
    for (let i = 0; i < weights.length; i++) weights[i] = bytes[i]! * data.scales[i % k]!;
    return new SoftmaxModel(data.classes, data.bits, weights, Float32Array.from(data.bias));
  }

  /** A copy whose weights went through serialisation, so training-time scores match a loaded model. */
  quantized(): SoftmaxModel {
    return SoftmaxModel.deserialize(this.serialize());
  }
}

function softmaxScores(weights: Float32Array, bias: Float32Array, vector: SparseVector, k: number, out: Float64Array): void {
  for (let c = 0; c < k; c++) out[c] = bias[c]!;
  for (let f = 0; f < vector.ids.length; f++) {
    const base = vector.ids[f]! * k;
    const value = vector.values[f]!;
    for (let c = 0; c < k; c++) out[c]! += weights[base + c]! * value;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, out[c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < k; c++) out[c]! /= sum;
}
