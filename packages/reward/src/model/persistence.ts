/**
 * Saving and loading a reward model: weights (backbone + head) as one crash-safe checkpoint folder, with
 * the tokenizer, the settings and, for a lexical head, its IDF table beside them.
 */
import { tfidfFromJSON } from '@girl/core';
import type { TfidfModel } from '@girl/core';
import { modelFromTensors, resolveModelConfig } from '@girl/generator';
import type { CausalLM, ModelConfig } from '@girl/generator';
import { loadCheckpoint, saveCheckpoint, tf } from '@girl/tensor';
import type { Variable } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { headPrefix } from './head.js';
import type { RewardHead } from './head.js';
import { KNOWN_HEAD, KNOWN_SETTINGS, READABLE_VERSIONS, RM_FORMAT } from './settings.js';
import type { RewardModelSettings } from './settings.js';

const TOKENIZER_FILE = 'tokenizer.girl.json';
const TFIDF_FILE = 'lexical-tfidf.json';

/** The JSON stored beside the weights. */
export interface RewardStateJson {
  format: string;
  version: number;
  backbone: ModelConfig;
  settings: RewardModelSettings;
}

/** What a saved reward model holds; `RewardModel.save` writes it and {@link loadRewardParts} reads it back. */
export interface RewardParts {
  backbone: CausalLM;
  tokenizer: Tokenizer;
  head: RewardHead;
  settings: Partial<RewardModelSettings>;
  tfidf: TfidfModel | undefined;
}

/** Writes weights, tokenizer, settings and IDF table into `dir` (see @girl/tensor's `saveCheckpoint`). */
export async function saveRewardParts(dir: string, parts: { params: Record<string, Variable>; tokenizer: Tokenizer; tfidf: TfidfModel | undefined; json: RewardStateJson }): Promise<void> {
  await saveCheckpoint(dir, {
    tensors: parts.params,
    json: parts.json,
    files: {
      [TOKENIZER_FILE]: JSON.stringify(parts.tokenizer.toJSON()),
      ...(parts.tfidf ? { [TFIDF_FILE]: JSON.stringify(parts.tfidf.toJSON()) } : {}),
    },
  });
}

/**
 * Reads a saved reward model into new variables; the caller owns them.
 *
 * @throws Error naming the folder when it is not a reward model, was made by a newer release, or a file is
 *   missing or corrupt (nothing is left allocated then).
 */
export async function loadRewardParts(dir: string): Promise<RewardParts> {
  const ck = await loadCheckpoint(dir);
  tf.dispose(Object.values(ck.optimizer ?? {}));
  const json = ck.json as Partial<RewardStateJson> | undefined;
  const fail = (why: string): never => {
    tf.dispose(Object.values(ck.tensors));
    throw new Error(`RewardModel.load('${dir}'): ${why}`);
  };
  // 1. format, version, and nothing this release does not know
  if (!json || json.format !== RM_FORMAT) return fail(`state.json has format ${JSON.stringify(json?.format)}, expected '${RM_FORMAT}'; is this a reward model saved by @girl/reward?`);
  if (!READABLE_VERSIONS.includes(json.version as number)) return fail(`format version ${String(json.version)} is not supported (this release reads ${READABLE_VERSIONS.join(' and ')}); upgrade @girl/reward.`);
  const unknownSettings = Object.keys(json.settings ?? {}).filter((k) => !KNOWN_SETTINGS.includes(k));
  const unknownHead = Object.keys(ck.tensors).filter((k) => k.startsWith('score.') && !KNOWN_HEAD.includes(k));
  if (unknownSettings.length + unknownHead.length > 0) {
    return fail(`it has ${[...unknownSettings.map((k) => `setting '${k}'`), ...unknownHead.map((k) => `head weight '${k}'`)].join(', ')} that this release does not know; it was saved by a newer @girl/reward — upgrade rather than score without them.`);
  }
  // 2. the files beside the weights
  const tokFile = ck.files[TOKENIZER_FILE];
  if (!tokFile) return fail(`${TOKENIZER_FILE} is missing.`);
  const tokenizer = Tokenizer.fromJSON(JSON.parse(new TextDecoder().decode(tokFile)));
  const { 'score.weight': w, 'score.bias': b, 'score.interaction': a, 'score.gate': gt, 'score.lexical': lx, ...rest } = ck.tensors;
  let tfidf: TfidfModel | undefined;
  const tfidfFile = ck.files[TFIDF_FILE];
  if (json.settings?.lexical === 'tfidf' || json.settings?.lexical === 'screen') {
    if (!tfidfFile || !lx) return fail(`the lexical head (${TFIDF_FILE}, score.lexical) is missing though settings.lexical is '${json.settings.lexical}'.`);
    try {
      tfidf = tfidfFromJSON(JSON.parse(new TextDecoder().decode(tfidfFile)));
    } catch (e) {
      return fail(`${TFIDF_FILE} is corrupt: ${(e as Error).message}`);
    }
  }
  if (!w || !b) return fail('the head (score.weight, score.bias) is missing.');
  // 3. the weights: backbone and head in new variables; the loaded tensors are freed
  const backbone = modelFromTensors(resolveModelConfig(json.backbone as ModelConfig), rest, { dispose: true });
  const p = headPrefix();
  const head: RewardHead = { weight: tf.variable(w, true, `${p}score.weight`), bias: tf.variable(b, true, `${p}score.bias`) };
  if (a) head.interaction = tf.variable(a, true, `${p}score.interaction`);
  if (gt) head.gate = tf.variable(gt, true, `${p}score.gate`);
  if (lx && tfidf) head.lexical = tf.variable(lx, true, `${p}score.lexical`);
  tf.dispose([w, b, ...(a ? [a] : []), ...(gt ? [gt] : []), ...(lx ? [lx] : [])]);
  return { backbone, tokenizer, head, settings: json.settings ?? {}, tfidf };
}
