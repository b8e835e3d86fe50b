/**
 * Test support (not exported from the package): where the shared RJDB sample lives. The repository
 * root's parent holds `shared/`; from this file that is five levels up (src/testing → repo root → ..).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of `<repo root>/../shared/data/rjdb/`. */
export const RJDB_DIR = fileURLToPath(new URL('../../../../../shared/data/rjdb/', import.meta.url));

/** True when the RJDB sample is present (CI has it); tests that need it skip and say why otherwise. */
export const HAS_RJDB = existsSync(`${RJDB_DIR}train.jsonl`) && existsSync(`${RJDB_DIR}test.jsonl`);

if (!HAS_RJDB) {
  console.warn(`[@girl/data tests] RJDB sample not found at ${RJDB_DIR}: tests on real RJDB data are skipped (they need ../shared beside the repository, as in CI).`);
}
