import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log/logger.js';

export interface Job {
  name: string;
  /** Cron expression, evaluated in the box's timezone. */
  schedule: string;
  run: () => Promise<void>;
  /** Random delay added to each run, so a fleet of boxes does not ask the carrier at the same second. */
  jitterMs?: number;
}

/**
 * node-cron jobs with the box's timezone (DST handled by node-cron's zone arithmetic), no overlap
 * (a run still going when the next is due is skipped, never doubled), and errors logged, not thrown.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly log: Logger;

  constructor(private readonly jobs: Job[], private readonly timezone: string | null, logger: Logger) {
    this.log = logger.child({ channel: 'scheduler' });
    // node-cron prints its own coloured lines to the console; ours go to the JSON log instead.
    const cronLog = this.log.child({ from: 'node-cron' });
    cron.setLogger({
      info: (message) => cronLog.debug(message),
      warn: (message) => cronLog.debug(message),
      error: (message) => cronLog.warn(String(message)),
      debug: (message) => cronLog.debug(String(message)),
    });
    if (timezone === null && !nodeCronPatched()) {
      this.log.warn('node-cron is not patched (npm ci runs scripts/patch-node-cron.mjs): schedules in the system zone load ICU date tables, about 7 MiB more memory');
    }
    for (const job of jobs) {
      if (!cron.validate(job.schedule)) throw new Error(`job ${job.name}: "${job.schedule}" is not a cron expression`);
    }
  }

  start(): void {
    for (const job of this.jobs) {
      const task = cron.createTask(
        job.schedule,
        async () => {
          try {
            await job.run();
          } catch (err) {
            this.log.error({ job: job.name, err: err instanceof Error ? err.message : String(err) }, 'scheduled job failed');
          }
        },
        {
          name: job.name,
          noOverlap: true,
          ...(this.timezone ? { timezone: this.timezone } : {}),
          ...(job.jitterMs ? { maxRandomDelay: job.jitterMs } : {}),
        },
      );
      task.on('execution:overlap', () => this.log.warn({ job: job.name }, 'previous run still going: this run skipped'));
      void task.start();
      this.tasks.push(task);
    }
  }

  /** Runs a job now, outside its schedule (no jitter), under the same no-overlap rule. */
  runNow(name: string): void {
    const task = this.tasks.find((t) => t.name === name);
    // Failures are logged by the job's own wrapper; a run skipped for overlap never settles.
    if (task) void task.execute().catch(() => undefined);
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.splice(0).map((task) => task.destroy()));
  }
}

/**
 * node-cron, where this module loads it from, carries scripts/patch-node-cron.mjs's change
 * (system-zone dates read from Date). Not found where it should be counts as not patched. The
 * marker is the script's; test/scheduler/localTime.test.ts fails if the two ever differ.
 */
export function nodeCronPatched(): boolean {
  try {
    const shared = path.join(path.dirname(createRequire(import.meta.url).resolve('node-cron')), '_shared.js');
    return fs.readFileSync(shared, 'utf8').includes('gsmkeeper: system-zone dates without Intl');
  } catch {
    return false;
  }
}
