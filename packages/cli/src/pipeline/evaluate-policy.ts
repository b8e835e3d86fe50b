/** Greedy JDs for held-out CVs, scored by the reward model and (where one exists) the oracle. */
import { generateJdAnywhere } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
import type { RewardModel } from '@girl/reward';
import type { Tokenizer } from '@girl/tokenizer';
import type { FitOracle } from '@girl/data';
import type { GirlConfig } from '../config.js';
import { mean } from './context.js';
import { jdQuality } from './jd-quality.js';
import type { JdQuality, SectionProfile } from './jd-quality.js';

/** Greedy-decoding settings of evaluation and augmentation. */
export interface EvalGeneration {
  maxNewTokens: number;
  noRepeatNgramSize: number;
  repetitionPenalty: number;
}

/** The run's greedy-decoding settings (`eval` section). */
export function evalGeneration(c: GirlConfig): EvalGeneration {
  return { maxNewTokens: c.eval.maxNewTokens, noRepeatNgramSize: c.eval.noRepeatNgramSize, repetitionPenalty: c.eval.repetitionPenalty };
}

/** Greedy JDs for `cvs`, in batches (KV cache, left padding). */
export async function generateJds(model: CausalLM, tok: Tokenizer, cvs: readonly string[], gen: EvalGeneration, onBatch?: (done: number) => void): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < cvs.length; i += 16) {
    const { texts } = await generateJdAnywhere(model, tok, cvs.slice(i, i + 16), gen);
    out.push(...texts);
    onBatch?.(out.length);
    await new Promise((r) => setImmediate(r)); // let a Ctrl-C through
  }
  return out;
}

/** A policy's figures on held-out CVs. */
export interface PolicyEvaluation {
  /** Mean reward-model logit of the greedy JDs. */
  score: number;
  /** Mean oracle fit score in [0, 1] (null without an oracle). */
  oracleFit: number | null;
  /** Share of JDs the oracle says fit (null without an oracle). */
  oracleFitRate: number | null;
  /** How the JDs read (repeats, sections, skills, occupation and seniority). */
  quality?: JdQuality;
  /** JDs, in CV order. */
  jds: string[];
}

/** Scores greedy JDs of `model` for `cvs`. */
export async function evaluatePolicy(model: CausalLM, tok: Tokenizer, rm: RewardModel, oracle: FitOracle | null, cvs: readonly string[], gen: EvalGeneration, sections: SectionProfile): Promise<PolicyEvaluation> {
  const jds = await generateJds(model, tok, cvs, gen);
  const scores = await rm.score(cvs, jds);
  const fits = oracle ? cvs.map((cv, i) => oracle.fit(cv, jds[i] as string)) : null;
  return {
    score: mean(scores),
    oracleFit: fits ? mean(fits.map((f) => f.score)) : null,
    oracleFitRate: fits ? mean(fits.map((f) => (f.fits ? 1 : 0))) : null,
    quality: jdQuality(cvs, jds, sections, oracle),
    jds,
  };
}
