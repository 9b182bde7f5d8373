import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { Job } from '../scheduler/scheduler.js';
import { pruneHistory } from '../store/housekeeping.js';
import { checkpoint } from '../store/db.js';
import type { Store } from '../store/store.js';

const DAY_MS = 86_400_000;

/** What the box's own jobs do to each line: send what waits, hand on long messages past their wait. */
export interface LineChores {
  kickOutbox(): void;
  expireParts(): void;
}

/**
 * The box's scheduled work beside each line's own (credit check, keep-alive: see Line.jobs):
 * housekeeping, and a safety net for the outboxes and message parts.
 */
export function buildBoxJobs(deps: { config: Config; store: Store; lines: readonly LineChores[]; logger: Logger }): Job[] {
  const { config, store, logger } = deps;
  return [
    {
      name: 'housekeeping',
      schedule: '15 4 * * *',
      run: async () => {
        const now = Date.now();
        const counts = pruneHistory(store.db, new Date(now - config.housekeeping.keepDays * DAY_MS).toISOString(), new Date(now - 2 * DAY_MS).toISOString());
        logger.info(counts, 'housekeeping: old history pruned');
      },
    },
    // The outbox pumps keep their own timers; this catches anything a missed timer would leave waiting.
    {
      name: 'minutely',
      schedule: '* * * * *',
      run: async () => {
        for (const line of deps.lines) {
          line.kickOutbox();
          line.expireParts();
        }
        checkpoint(store.db);
      },
    },
  ];
}
