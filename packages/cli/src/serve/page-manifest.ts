/**
 * `manifest.json`, the one file the job seeker's page reads first: which run it shows, where its model
 * files are, and what is wrong with the run when it cannot be used (shown on the page, not as a blank
 * screen). Shared by the server (Node) and the page (browser): types and constants only.
 */

/** Format tag and version of {@link PageManifest}. */
export const PAGE_MANIFEST_FORMAT = 'girl-page';
export const PAGE_MANIFEST_VERSION = 1;

/** Files the page fetches, relative to the manifest. */
export const PAGE_FILES = {
  config: 'run/config.json',
  weights: 'run/model.safetensors',
  tokenizer: 'run/tokenizer.girl.json',
  jobs: 'run/jobs.json',
  /** `sha256sum` lines of the policy's files, when the export has them (checked by the page). */
  checksums: 'run/checksums.sha256',
} as const;

/** What `manifest.json` holds. */
export interface PageManifest {
  format: typeof PAGE_MANIFEST_FORMAT;
  version: typeof PAGE_MANIFEST_VERSION;
  /** The run folder's name (never an absolute path). */
  run: string;
  /** The model folder inside the run the page uses (`ppo/policy`), or null when there is none. */
  model: string | null;
  /** Why the run cannot be used, in words a person can act on; null when it can. */
  problem: string | null;
  /** True when `run/checksums.sha256` is served: the page verifies the files against it. */
  checksums: boolean;
  /** Real jobs shipped in `run/jobs.json` (0: no grounding), and where they came from. */
  jobs: { count: number; source: string };
}

/** A real job as the page receives it (the same shape `girl generate --jobs` ranks). */
export interface PageJob {
  id: string;
  title: string | null;
  text: string;
}
