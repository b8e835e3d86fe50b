/**
 * The seeded generator of the synthetic market now lives in @girl/core (`createRng`, the mulberry32
 * view of its one `Rng`); this module keeps @girl/data's names working. The streams are unchanged.
 *
 * @deprecated import `createRng`, `hashString` and `SimpleRng` from `@girl/core`.
 */
export { createRng, hashString } from '@girl/core';
export type { SimpleRng as Rng } from '@girl/core';
