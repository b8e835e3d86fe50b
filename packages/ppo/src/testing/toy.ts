/**
 * Test helpers (not part of the package API): a toy "job market" whose JDs are short lists of skills, a
 * byte-level micro tokenizer, a micro GPT pre-trained by a few SFT steps so that sampling is not noise,
 * and a toy reward (the share of the JD's words that are a given skill).
 */
import { Rng } from '@girl/core';
import { AdamW, crossEntropy, tf } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { GPT, collate, encodeSftExample } from '@girl/generator';

export const SKILLS = ['python', 'java', 'sql', 'rust', 'excel', 'go'] as const;

/** CV → JD pairs: the JD is 3–5 skills drawn uniformly. */
export function toyPairs(n: number, seed = 1): { cv: string; jd: string }[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const k = 3 + rng.int(3);
    return { cv: `cv ${i % 10}`, jd: Array.from({ length: k }, () => SKILLS[rng.int(SKILLS.length)]).join(' ') };
  });
}

/** Share of the JD's words equal to `skill` (0 for an empty JD). */
export function skillShare(jd: string, skill = 'python'): number {
  const words = jd.split(/\s+/).filter(Boolean);
  return words.length === 0 ? 0 : words.filter((w) => w === skill).length / words.length;
}

export function toyTokenizer(pairs: { cv: string; jd: string }[]): Tokenizer {
  return Tokenizer.train(pairs.flatMap((p) => [p.cv, p.jd]), { vocabSize: 290 });
}

/** A micro GPT (2 layers, d = 32) trained `steps` SFT steps on the pairs. */
export function toyPolicy(tok: Tokenizer, pairs: { cv: string; jd: string }[], steps = 60, seed = 1): GPT {
  const model = GPT.create({ vocabSize: tok.vocabSize, contextLength: 32, dModel: 32, nLayer: 2, nHead: 4 }, { seed });
  const opt = new AdamW(model.params, { lr: 3e-3, weightDecay: 0 });
  const examples = pairs.map((p) => encodeSftExample(tok, p, { maxLength: 32 }));
  const rng = new Rng(seed);
  for (let s = 0; s < steps; s++) {
    const idx = Array.from({ length: 16 }, () => rng.int(examples.length));
    const b = collate(idx.map((i) => examples[i]!), tok.padId!);
    tf.tidy(() => {
      const [B, T] = b.shape;
      const inputs = tf.tensor2d(b.inputs, [B, T], 'int32');
      const { grads } = tf.variableGrads(() => {
        const logits = model.forward(inputs); // [B, T, V]
        return crossEntropy(tf.reshape(logits, [B * T, tok.vocabSize]), tf.tensor1d(b.targets, 'int32'), tf.tensor1d(b.lossMask));
      }, Object.values(model.params));
      opt.step(grads);
    });
  }
  return model;
}
