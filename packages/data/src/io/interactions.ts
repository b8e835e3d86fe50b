import { DataError } from '../errors.js';
import { INTERACTION_EVENTS } from '../types.js';
import type { Interaction, InteractionEvent } from '../types.js';
import { optionalString } from './fields.js';
import { mapRecords } from './pairs.js';
import type { RecordFileOptions } from './pairs.js';
import { readAll } from './record-stream.js';
import type { Loaded, RecordStream } from './record-stream.js';

/** Which column holds which interaction field (defaults: `personId`, `jobId`, `event`, `timestamp`). */
export interface InteractionColumns {
  readonly personId?: string;
  readonly jobId?: string;
  readonly event?: string;
  readonly timestamp?: string;
}

/** Options for {@link readInteractions}. */
export interface InteractionLoadOptions extends RecordFileOptions {
  readonly columns?: InteractionColumns;
  /**
   * Map your event names to GIRL's (`view`, `apply`, `interview`, `hire`), e.g. `{ click: 'view',
   * submitted: 'apply' }`. Names are matched case-insensitively; unmapped unknown events are rejected.
   */
  readonly eventMap?: Readonly<Record<string, InteractionEvent>>;
}

/**
 * Stream an interaction log (person, job, event, timestamp) from JSONL or CSV. Timestamps may be
 * milliseconds since the epoch, or an ISO 8601 date string; they are returned as milliseconds.
 * Bad rows give a {@link DataError} naming file, line and field, or are skipped and reported.
 *
 * @example
 * ```ts
 * const log = await loadInteractions('events.csv', {
 *   columns: { personId: 'user', jobId: 'item', event: 'action', timestamp: 'ts' },
 *   eventMap: { click: 'view' },
 * });
 * ```
 */
export function readInteractions(file: string, options: InteractionLoadOptions = {}): RecordStream<Interaction> {
  const c = {
    personId: options.columns?.personId ?? 'personId',
    jobId: options.columns?.jobId ?? 'jobId',
    event: options.columns?.event ?? 'event',
    timestamp: options.columns?.timestamp ?? 'timestamp',
  };
  const events = new Map<string, InteractionEvent>(INTERACTION_EVENTS.map((e) => [e, e]));
  for (const [k, v] of Object.entries(options.eventMap ?? {})) {
    if (!INTERACTION_EVENTS.includes(v)) throw new RangeError(`eventMap maps "${k}" to "${v}", which is not one of ${INTERACTION_EVENTS.join(', ')}`);
    events.set(k.toLowerCase(), v);
  }
  return mapRecords(file, options, (r, where) => {
    const base = { file, line: where.line };
    const personId = optionalString(r, c.personId);
    if (personId === undefined) return missing(base, c.personId, 'person id');
    const jobId = optionalString(r, c.jobId);
    if (jobId === undefined) return missing(base, c.jobId, 'job id');
    const rawEvent = optionalString(r, c.event);
    if (rawEvent === undefined) return missing(base, c.event, 'event');
    const event = events.get(rawEvent.toLowerCase());
    if (event === undefined) {
      return new DataError({
        ...base,
        field: c.event,
        reason: 'invalid-value',
        problem: `unknown event ${JSON.stringify(rawEvent)}`,
        fix: `Use one of ${INTERACTION_EVENTS.join(', ')}, or map yours with the eventMap option (e.g. { eventMap: { ${JSON.stringify(rawEvent)}: 'view' } })`,
      });
    }
    const timestamp = parseTimestamp(r[c.timestamp]);
    if (timestamp === undefined) {
      if (r[c.timestamp] === undefined || r[c.timestamp] === null || r[c.timestamp] === '') return missing(base, c.timestamp, 'timestamp');
      return new DataError({
        ...base,
        field: c.timestamp,
        reason: 'invalid-value',
        problem: `timestamp ${JSON.stringify(r[c.timestamp])} is neither epoch milliseconds nor an ISO 8601 date`,
        fix: 'Write milliseconds since 1970-01-01 UTC (e.g. 1735689600000) or an ISO date (e.g. 2025-01-01T00:00:00Z)',
      });
    }
    return { personId, jobId, event, timestamp };
  });
}

/**
 * Load a whole interaction log; the array carries the load's report.
 *
 * @example
 * ```ts
 * const log = await loadInteractions('events.jsonl', { onError: 'skip' });
 * console.log(log.length, log.report.skipped);
 * ```
 */
export function loadInteractions(file: string, options: InteractionLoadOptions = {}): Promise<Loaded<Interaction>> {
  return readAll(readInteractions(file, options));
}

function missing(base: { file: string; line: number }, field: string, what: string): DataError {
  return new DataError({
    ...base,
    field,
    reason: 'missing-field',
    problem: `${what} is missing`,
    fix: `Fill in the ${what}, or map your column with the columns option`,
  });
}

function parseTimestamp(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const t = v.trim();
  if (/^-?\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
