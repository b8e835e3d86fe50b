import { createRng } from '../rng.js';

/** Fractions of the data per split; they are normalised to sum 1. */
export interface SplitRatios {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

/** Options for {@link splitByGroup}. */
export interface SplitOptions<T> {
  /** The group of an item (occupation, JD id, person id, …): all items of a group go to one split. */
  readonly key: (item: T) => string;
  /** Target fractions of items (default 0.8 / 0.1 / 0.1). */
  readonly ratios?: SplitRatios;
  /** Seed of the group shuffle (default 0). */
  readonly seed?: number;
}

/** The result of {@link splitByGroup}: items and group keys per split. */
export interface Splits<T> {
  readonly train: T[];
  readonly validation: T[];
  readonly test: T[];
  /** Group keys per split (each key in exactly one). */
  readonly groups: { readonly train: string[]; readonly validation: string[]; readonly test: string[] };
}

/** Default split ratios: 80 % train, 10 % validation, 10 % test. */
export const DEFAULT_SPLIT_RATIOS: SplitRatios = { train: 0.8, validation: 0.1, test: 0.1 };

type SplitName = keyof SplitRatios;
const NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

/**
 * Seeded train / validation / test split in which every group lands in exactly one split, so nothing
 * leaks (e.g. group RJDB pairs by JD so a JD's matched and unmatched CVs stay together; group by
 * occupation to test on unseen occupations). Groups are shuffled by the seed, independently of the
 * input order, then dealt so that each split's share of ITEMS follows the ratios as closely as whole
 * groups allow. Items keep their input order within a split. Deterministic: same items, key and seed
 * → same split.
 *
 * @example
 * ```ts
 * const s = splitByGroup(pairs, { key: (p) => p.group ?? p.jd, ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: 1 });
 * s.train.length; s.groups.test;
 * ```
 */
export function splitByGroup<T>(items: readonly T[], options: SplitOptions<T>): Splits<T> {
  const ratios = normaliseRatios(options.ratios ?? DEFAULT_SPLIT_RATIOS);
  const seed = options.seed ?? 0;
  const sizes = new Map<string, number>();
  const keys: string[] = new Array<string>(items.length);
  items.forEach((item, i) => {
    const k = options.key(item);
    if (typeof k !== 'string') throw new TypeError(`split key must return a string, got ${typeof k} for item ${i}`);
    keys[i] = k;
    sizes.set(k, (sizes.get(k) ?? 0) + 1);
  });
  // shuffle groups in an order that depends only on the seed and the set of keys
  const order = createRng(`split:${seed}`).shuffle([...sizes.keys()].sort());
  const total = items.length;
  const assigned = new Map<string, SplitName>();
  const filled: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  for (const g of order) {
    const size = sizes.get(g) ?? 0;
    // the split that is furthest below its target share after adding this group (ties: train first)
    let best: SplitName = 'train';
    let bestDeficit = -Infinity;
    for (const name of NAMES) {
      if (ratios[name] === 0) continue;
      const deficit = ratios[name] * total - filled[name] - size / 2;
      const scaled = deficit / ratios[name];
      if (scaled > bestDeficit) {
        bestDeficit = scaled;
        best = name;
      }
    }
    assigned.set(g, best);
    filled[best] += size;
  }
  const out: Splits<T> = { train: [], validation: [], test: [], groups: { train: [], validation: [], test: [] } };
  items.forEach((item, i) => out[assigned.get(keys[i] as string) as SplitName].push(item));
  for (const g of order) out.groups[assigned.get(g) as SplitName].push(g);
  return out;
}

/**
 * Group keys that occur in more than one split (empty when the split is leak-free). Use it to check a
 * split you made elsewhere.
 *
 * @example
 * ```ts
 * findLeaks({ train, validation, test }, (p) => p.jdId ?? p.jd); // [] when nothing crosses splits
 * ```
 */
export function findLeaks<T>(splits: { readonly train: readonly T[]; readonly validation: readonly T[]; readonly test: readonly T[] }, key: (item: T) => string): string[] {
  const home = new Map<string, SplitName>();
  const leaks = new Set<string>();
  for (const name of NAMES) {
    for (const item of splits[name]) {
      const k = key(item);
      const h = home.get(k);
      if (h === undefined) home.set(k, name);
      else if (h !== name) leaks.add(k);
    }
  }
  return [...leaks];
}

function normaliseRatios(r: SplitRatios): SplitRatios {
  const vals = NAMES.map((n) => r[n]);
  if (vals.some((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
    throw new RangeError(`split ratios must be finite numbers >= 0, got ${JSON.stringify(r)}`);
  }
  const sum = vals.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new RangeError(`split ratios must not all be 0, got ${JSON.stringify(r)}`);
  return { train: r.train / sum, validation: r.validation / sum, test: r.test / sum };
}
