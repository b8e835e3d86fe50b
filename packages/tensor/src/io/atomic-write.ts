/**
 * Atomic file writes now live in @girl/core (`@girl/core/node`); this module keeps @girl/tensor's names
 * working.
 *
 * @deprecated import `writeFileAtomic` and `writeJsonAtomic` from `@girl/core/node`.
 */
export { writeFileAtomic, writeJsonAtomic } from '@girl/core/node';
export type { AtomicContent, WriteFileAtomicOptions, WriteJsonAtomicOptions } from '@girl/core/node';
