/**
 * @girl/data/internal — what the loaders and the synthetic market are built from but their users do not
 * call: the fatal-UTF-8 line reader, the wrapper that turns a source of records and rejections into a
 * `RecordStream`, the default size limits, the market's company names, and the RNG names that now belong
 * to @girl/core (import `createRng` and `hashString` from there). Node-only (the line reader opens files).
 * For tests, research scripts and custom loaders; any release may change them (not covered by semver).
 * @packageDocumentation
 */
export { readLines, DEFAULT_MAX_LINE_BYTES } from './io/read-lines.js';
export type { LineResult, ReadLinesOptions } from './io/read-lines.js';
export { toRecordStream, DEFAULT_MAX_FIELD_BYTES } from './io/record-stream.js';
export type { SourceItem } from './io/record-stream.js';
export { COMPANIES } from './market/vocabulary.js';
export { createRng, hashString } from './rng.js';
export type { Rng } from './rng.js';
