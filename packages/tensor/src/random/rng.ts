/**
 * The seeded generator now lives in @girl/core (one implementation for every package); this module
 * keeps @girl/tensor's names working.
 *
 * @deprecated import `Rng`, `RngState` and `RngSeed` from `@girl/core`.
 */
export { Rng } from '@girl/core';
export type { RngAlgorithm, RngSeed, RngState } from '@girl/core';
