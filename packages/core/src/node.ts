/**
 * @girl/core/node — file helpers that need Node's `fs`: atomic writes of bytes, text, streams and JSON.
 * @packageDocumentation
 */
export { writeFileAtomic, writeJsonAtomic } from './fs/atomic-write.js';
export type { AtomicContent, WriteFileAtomicOptions, WriteJsonAtomicOptions } from './fs/atomic-write.js';
