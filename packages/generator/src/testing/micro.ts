/** Test helpers: a micro tokenizer and model that run in milliseconds (not part of the package API). */
import { Tokenizer } from '@girl/tokenizer';
import { GPT } from '../model/gpt.js';
import type { GptConfigInput } from '../config.js';

/** A tiny corpus of CV / JD-like lines. */
export const MICRO_TEXTS = [
  'Data engineer with Python, SQL and Spark. Built pipelines for 5 years.',
  'Registered nurse, patient care, triage, 8 years in emergency wards.',
  'We seek a data engineer: Python, SQL, Spark, Airflow. Remote.',
  'Hospital hiring a registered nurse for the emergency department.',
  'Chef de partie, French cuisine, 4 years, pastry and sauces.',
  'Restaurant looking for a chef: sauces, pastry, fresh produce.',
  'Unicode: 上海 数据 工程师 🚀 café naïve',
];

/** A byte-level BPE with GIRL's special tokens and ~300 ids. */
export function microTokenizer(): Tokenizer {
  return Tokenizer.train(MICRO_TEXTS, { vocabSize: 300 });
}

/** A 2-layer, d=32 model for the tokenizer. */
export function microModel(tok: Tokenizer, over: Partial<GptConfigInput> = {}, seed = 1): GPT {
  return GPT.create({ vocabSize: tok.vocabSize, contextLength: 64, dModel: 32, nLayer: 2, nHead: 4, ...over }, { seed });
}
