import { Rng } from '@girl/core';
import { AdamW, linear, embedding, randomNormalTensor, tf } from '@girl/tensor';
import type { Tensor, Variable } from '@girl/tensor';
import type { RecRow, RecTrainSet, Recommender, RecommenderFactory } from './recommender.js';
import { WordVocab } from './word-vocab.js';

/** Options of {@link PjfnnModel} (each field: default and why). */
export interface PjfnnOptions {
  /** Word vocabulary size, default `4000` (synthetic and RJDB texts use a few thousand words). */
  vocabSize?: number;
  /** Words read per text, default `96` (compact CVs and JDs are ~50–85 words). */
  maxWords?: number;
  /** Word embedding width, default `32`. */
  embedDim?: number;
  /** Convolution filters (= text representation width), default `48`. */
  filters?: number;
  /** Hidden units of the matching MLP, default `32`. */
  hidden?: number;
  /** Training epochs, default `6` (more overfits the few thousand rows of the synthetic market). */
  epochs?: number;
  /** Rows per step, default `64`. */
  batchSize?: number;
  /** AdamW learning rate, default `3e-3`. */
  lr?: number;
  /** AdamW weight decay on matrices, default `0.01`. */
  weightDecay?: number;
  /** Also feed the feature columns (standardised) into the matching layer, default `false` (text only, as PJFNN). */
  useFeatures?: boolean;
  /** Seed of initialisation and data order, default `1`. */
  seed?: number;
}

/**
 * A PJFNN-style person–job fit model (after Zhu et al. 2018, "Person-Job Fit: Adapting the Right Talent
 * for the Right Job with Joint Representation Learning"): two text encoders, one for CVs and one for JDs
 * (word embeddings → width-3 convolution → ReLU → max-pool over words), and a matching layer on
 * `[u ⊙ v, |u − v|, cos(u, v)]` (an MLP; PJFNN itself uses the cosine alone). With a generated JD the
 * JD encoder also reads it (g) and the matching layer adds `[g ⊙ v, |g − v|, cos(g, v)]` — the generated JD
 * is compared to the candidate in the same JD space. Trained with binary cross-entropy and AdamW.
 *
 * @example
 * ```ts
 * const m = new PjfnnModel({ seed: 1 });
 * await m.fit({ rows, labels, columns });
 * const p = await m.predict(testRows); // P(fit)
 * m.dispose();
 * ```
 */
export class PjfnnModel implements Recommender {
  readonly name = 'pjfnn';
  readonly options: Required<PjfnnOptions>;
  private vocab: WordVocab | undefined;
  private params: Record<string, Variable> = {};
  private useGenerated = false;
  private featMean = new Float64Array(0);
  private featScale = new Float64Array(0);
  /** Mean training loss of each epoch of the last `fit`. */
  losses: number[] = [];

  constructor(options: PjfnnOptions = {}) {
    this.options = {
      vocabSize: options.vocabSize ?? 4000,
      maxWords: options.maxWords ?? 96,
      embedDim: options.embedDim ?? 32,
      filters: options.filters ?? 48,
      hidden: options.hidden ?? 32,
      epochs: options.epochs ?? 6,
      batchSize: options.batchSize ?? 64,
      lr: options.lr ?? 3e-3,
      weightDecay: options.weightDecay ?? 0.01,
      useFeatures: options.useFeatures ?? false,
      seed: options.seed ?? 1,
    };
  }

  private p(name: string): Variable {
    const v = this.params[name];
    if (!v) throw new Error(`PjfnnModel: no parameter ${name}; call fit first.`);
    return v;
  }

  /** Text ids [B, T] → representation [B, F]. */
  private encode(side: 'cv' | 'jd', ids: Tensor): Tensor {
    const [B, T] = ids.shape as [number, number];
    const e = embedding(ids, this.p(`${side}.embed`)); // [B, T, D]
    const padded = tf.pad(e, [
      [0, 0],
      [1, 1],
      [0, 0],
    ]); // [B, T + 2, D]
    const windows = tf.concat([tf.slice(padded, [0, 0, 0], [B, T, -1]), tf.slice(padded, [0, 1, 0], [B, T, -1]), tf.slice(padded, [0, 2, 0], [B, T, -1])], 2); // [B, T, 3D]
    const h = tf.relu(linear(windows, this.p(`${side}.conv.w`), this.p(`${side}.conv.b`))); // [B, T, F]
    // max-pool over real words only (ReLU ≥ 0, so zeroing padded positions is safe)
    const mask = tf.expandDims(tf.cast(tf.greater(ids, 0), 'float32'), 2); // [B, T, 1]
    return tf.max(tf.mul(h, mask), 1); // [B, F]
  }

  private static match(u: Tensor, v: Tensor): Tensor {
    const dot = tf.sum(tf.mul(u, v), 1, true);
    const norm = tf.mul(tf.norm(u, 2, 1, true), tf.norm(v, 2, 1, true));
    const cos = tf.div(dot, tf.maximum(norm, 1e-6));
    return tf.concat([tf.mul(u, v), tf.abs(tf.sub(u, v)), cos], 1); // [B, 2F + 1]
  }

  private logits(cv: Tensor, jd: Tensor, gen: Tensor | null, feats: Tensor | null): Tensor {
    const v = this.encode('jd', jd);
    const parts = [PjfnnModel.match(this.encode('cv', cv), v)];
    if (gen) parts.push(PjfnnModel.match(this.encode('jd', gen), v));
    if (feats) parts.push(feats);
    const h = tf.relu(linear(tf.concat(parts, 1), this.p('match.w1'), this.p('match.b1')));
    return tf.reshape(linear(h, this.p('match.w2'), this.p('match.b2')), [-1]); // [B]
  }

  private tensors(rows: readonly RecRow[]): { cv: Tensor; jd: Tensor; gen: Tensor | null; feats: Tensor | null } {
    const vocab = this.vocab as WordVocab;
    const T = this.options.maxWords;
    const ids = (texts: string[]) => {
      const out = new Int32Array(texts.length * T);
      texts.forEach((t, i) => out.set(vocab.encode(t, T), i * T));
      return tf.tensor2d(out, [texts.length, T], 'int32');
    };
    const d = this.featMean.length;
    let feats: Tensor | null = null;
    if (this.options.useFeatures && d > 0) {
      const f = new Float32Array(rows.length * d);
      rows.forEach((r, i) => {
        for (let j = 0; j < d; j++) f[i * d + j] = ((r.features[j] as number) - (this.featMean[j] as number)) / (this.featScale[j] as number);
      });
      feats = tf.tensor2d(f, [rows.length, d]);
    }
    return {
      cv: ids(rows.map((r) => r.cv)),
      jd: ids(rows.map((r) => r.jd)),
      gen: this.useGenerated ? ids(rows.map((r) => r.generatedJd ?? '')) : null,
      feats,
    };
  }

  /** Train from scratch on the rows (generated JDs are used when every row has one). */
  async fit(train: RecTrainSet): Promise<void> {
    const o = this.options;
    const { rows, labels } = train;
    if (rows.length === 0) throw new RangeError('PjfnnModel.fit: no rows.');
    this.dispose();
    this.useGenerated = rows.every((r) => r.generatedJd !== undefined);
    this.vocab = WordVocab.build(rows.flatMap((r) => [r.cv, r.jd, ...(r.generatedJd !== undefined ? [r.generatedJd] : [])]), { size: o.vocabSize });
    const d = o.useFeatures ? (rows[0] as RecRow).features.length : 0;
    this.featMean = new Float64Array(d);
    this.featScale = new Float64Array(d).fill(1);
    for (let j = 0; j < d; j++) {
      const col = rows.map((r) => r.features[j] as number);
      const m = col.reduce((a, b) => a + b, 0) / col.length;
      const s = Math.sqrt(col.reduce((a, b) => a + (b - m) ** 2, 0) / col.length);
      this.featMean[j] = m;
      this.featScale[j] = s > 1e-12 ? s : 1;
    }
    const rng = new Rng(`pjfnn:${o.seed}`);
    const V = this.vocab.size;
    const D = o.embedDim;
    const F = o.filters;
    const matchIn = (2 * F + 1) * (this.useGenerated ? 2 : 1) + d;
    const init = (name: string, shape: number[], std: number) => tf.variable(randomNormalTensor(rng.fork(name), shape, std), true, `pjfnn.${name}.${o.seed}.${Math.random().toString(36).slice(2)}`);
    const zeros = (name: string, shape: number[]) => tf.variable(tf.zeros(shape), true, `pjfnn.${name}.${o.seed}.${Math.random().toString(36).slice(2)}`);
    for (const side of ['cv', 'jd']) {
      this.params[`${side}.embed`] = init(`${side}.embed`, [V, D], 0.1);
      this.params[`${side}.conv.w`] = init(`${side}.conv.w`, [3 * D, F], Math.sqrt(2 / (3 * D)));
      this.params[`${side}.conv.b`] = zeros(`${side}.conv.b`, [F]);
    }
    this.params['match.w1'] = init('match.w1', [matchIn, o.hidden], Math.sqrt(2 / matchIn));
    this.params['match.b1'] = zeros('match.b1', [o.hidden]);
    this.params['match.w2'] = init('match.w2', [o.hidden, 1], Math.sqrt(1 / o.hidden));
    this.params['match.b2'] = zeros('match.b2', [1]);
    const opt = new AdamW(this.params, { lr: o.lr, weightDecay: o.weightDecay });
    const order = rows.map((_, i) => i);
    this.losses = [];
    try {
      for (let epoch = 0; epoch < o.epochs; epoch++) {
        const er = rng.fork(`epoch:${epoch}`);
        for (let i = order.length - 1; i > 0; i--) {
          const j = er.int(i + 1);
          [order[i], order[j]] = [order[j] as number, order[i] as number];
        }
        let sum = 0;
        for (let s = 0; s < order.length; s += o.batchSize) {
          const idx = order.slice(s, s + o.batchSize);
          const batch = this.tensors(idx.map((i) => rows[i] as RecRow));
          const y = tf.tensor1d(idx.map((i) => ((labels[i] as number) > 0.5 ? 1 : 0)));
          const { value, grads } = tf.variableGrads(() => {
            const z = this.logits(batch.cv, batch.jd, batch.gen, batch.feats);
            // stable BCE: max(z, 0) − z·y + log(1 + e^−|z|)
            return tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))) as tf.Scalar;
          }, Object.values(this.params));
          opt.step(grads);
          sum += (await value.data())[0] as number * idx.length;
          tf.dispose([value, grads, y, batch.cv, batch.jd, batch.gen, batch.feats].filter((t) => t !== null) as never);
        }
        this.losses.push(sum / order.length);
        if (!Number.isFinite(this.losses[this.losses.length - 1] as number)) throw new Error(`PjfnnModel.fit: loss became ${this.losses.at(-1)} at epoch ${epoch}; lower lr.`);
      }
    } finally {
      opt.dispose();
    }
  }

  /** P(fit) per row. */
  async predict(rows: readonly RecRow[]): Promise<Float64Array> {
    if (!this.vocab) throw new Error('PjfnnModel: call fit before predict.');
    if (this.useGenerated && rows.some((r) => r.generatedJd === undefined)) throw new Error('PjfnnModel: trained with generated JDs, so every row to predict needs one (generatedJd).');
    const out = new Float64Array(rows.length);
    for (let s = 0; s < rows.length; s += 256) {
      const chunk = rows.slice(s, s + 256);
      const t = this.tensors(chunk);
      const p = tf.tidy(() => tf.sigmoid(this.logits(t.cv, t.jd, t.gen, t.feats)));
      out.set(await p.data(), s);
      tf.dispose([p, t.cv, t.jd, t.gen, t.feats].filter((x) => x !== null) as never);
    }
    return out;
  }

  /** Free the weights. */
  dispose(): void {
    tf.dispose(Object.values(this.params));
    this.params = {};
  }
}

/**
 * The PJFNN-style recommender for {@link evaluateAugmentation}.
 *
 * @example
 * ```ts
 * evaluateAugmentation({ recommenders: [logisticRecommender(), pjfnnRecommender({ epochs: 8 })], … });
 * ```
 */
export function pjfnnRecommender(options: Omit<PjfnnOptions, 'seed'> = {}): RecommenderFactory {
  return { name: options.useFeatures ? 'pjfnn+features' : 'pjfnn', create: (seed) => new PjfnnModel({ ...options, seed }) };
}
