/**
 * @girl/data — CV / JD / pair types, streaming JSONL + CSV + RJDB loaders, leak-free splits, a
 * synthetic job market with a ground-truth `fit` oracle, and text utilities. Plain TypeScript, no
 * tensors; of the other @girl packages it uses only @girl/core.
 *
 * This entry is the public API. The plumbing the loaders are built from (the line reader, the record
 * stream wrapper, the size limits) and names kept for older imports live in `@girl/data/internal`,
 * outside the semver promise.
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export type { CV, JD, LabelledPair, SftPair, Interaction, InteractionEvent, Seniority, Located } from './types.js';
export { SENIORITY_LEVELS, INTERACTION_EVENTS } from './types.js';

export { DataError, createLoadReport } from './errors.js';
export type { DataErrorReason, DataErrorDetails, SkippedRecord, LoadReport, OnError } from './errors.js';

export { readAll } from './io/record-stream.js';
export type { LoadOptions, RecordStream, Loaded } from './io/record-stream.js';
export { readJsonl } from './io/jsonl.js';
export { readCsv } from './io/csv.js';
export type { CsvOptions } from './io/csv.js';
export { readPairs, readSftPairs, loadPairs, loadSftPairs } from './io/pairs.js';
export type { PairColumns, PairLoadOptions, RecordFileOptions } from './io/pairs.js';
export { readInteractions, loadInteractions } from './io/interactions.js';
export type { InteractionColumns, InteractionLoadOptions } from './io/interactions.js';
export { writeJsonl } from './io/write-jsonl.js';
export type { WriteJsonlOptions } from './io/write-jsonl.js';

export { readRjdb, loadRjdb, rjdbToPairs, rjdbToSftPairs } from './rjdb/rjdb.js';
export type { RjdbRow, RjdbOptions } from './rjdb/rjdb.js';

export { splitByGroup, findLeaks, DEFAULT_SPLIT_RATIOS } from './split/split-by-group.js';
export type { SplitRatios, SplitOptions, Splits } from './split/split-by-group.js';

export { normalizeText, foldPhrase, countWords } from './text/normalize.js';
export type { NormalizeOptions } from './text/normalize.js';
export { parseSections, getSection, listItems, sectionKey, SECTION_SYNONYMS } from './text/sections.js';
export type { Section } from './text/sections.js';
export { createPhraseMatcher, listedSkills } from './text/skills.js';
export type { PhraseMatcher } from './text/skills.js';

export { createJobMarket } from './market/market.js';
export type { JobMarket } from './market/market.js';
export { DEFAULT_MARKET_OPTIONS, resolveMarketOptions } from './market/options.js';
export type { JobMarketOptions, ResolvedMarketOptions, PairMix } from './market/options.js';
export type { MarketPair, MarketSftPair, PairKind } from './market/feedback.js';
export { simulateInteractions } from './market/interactions.js';
export type { InteractionSimOptions } from './market/interactions.js';
export { createFitOracle, seniorityForYears, DEFAULT_MIN_SKILL_RECALL } from './market/oracle.js';
export type { FitOracle, FitResult, CvFacts, JdFacts, OracleOptions } from './market/oracle.js';
export type { Person, Job, JobSpec, Role } from './market/profiles.js';
export type { TextStyle } from './market/templates.js';
export { OCCUPATIONS, FAMILIES, SOFT_SKILLS, SENIORITY_WORDS, SENIORITY_YEARS } from './market/vocabulary.js';
export type { OccupationSpec, FamilySpec } from './market/vocabulary.js';
