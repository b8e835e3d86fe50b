/** Test helpers (not exported from the package): a micro tokenizer and reward model that run in milliseconds. */
import { Tokenizer } from '@girl/tokenizer';
import { RewardModel } from './model/reward-model.js';

/** A tiny CV / JD corpus. */
export const MICRO_TEXTS = [
  'Data engineer with Python, SQL and Spark. Built pipelines for 5 years.',
  'Registered nurse, patient care, triage, 8 years in emergency wards.',
  'We seek a data engineer: Python, SQL, Spark, Airflow. Remote.',
  'Hospital hiring a registered nurse for the emergency department.',
  'Unicode: 上海 数据 工程师 🚀 café naïve',
];

/** A byte-level BPE with GIRL's special tokens and ~300 ids. */
export function microTokenizer(texts: readonly string[] = MICRO_TEXTS, vocabSize = 300): Tokenizer {
  return Tokenizer.train(texts, { vocabSize });
}

/** A 1-layer, d = 16 reward model. */
export function microRewardModel(tok: Tokenizer = microTokenizer(), seed = 1, contextLength = 48): RewardModel {
  return RewardModel.create({ tokenizer: tok, backbone: { contextLength, dModel: 16, nLayer: 1, nHead: 2 }, seed });
}
