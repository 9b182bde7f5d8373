import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { silentLogger } from '../../src/log/logger.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('scheduler (fake time)', () => {
  it('runsADailyJobAt0900SofiaTimeAcrossTheSpringDstChange', async () => {
    // 2026-03-29 03:00 EET → 04:00 EEST: 09:00 Sofia is 07:00 UTC before, 06:00 UTC after.
    vi.setSystemTime(new Date('2026-03-27T12:00:00Z'));
    const runs: string[] = [];
    const scheduler = new Scheduler([{ name: 'daily', schedule: '0 9 * * *', run: async () => void runs.push(new Date().toISOString()) }], 'Europe/Sofia', silentLogger());
    scheduler.start();
    await vi.advanceTimersByTimeAsync(4 * 86_400_000);
    await scheduler.stop();
    expect(runs.map((r) => r.slice(0, 16))).toEqual(['2026-03-28T07:00', '2026-03-29T06:00', '2026-03-30T06:00', '2026-03-31T06:00']);
  });

  it('runsOnceOnTheAutumnNightThatRepeatsAnHour', async () => {
    // 2026-10-25 04:00 EEST → 03:00 EET: a 03:30 job must not run twice.
    vi.setSystemTime(new Date('2026-10-24T12:00:00Z'));
    const runs: string[] = [];
    const scheduler = new Scheduler([{ name: 'night', schedule: '30 3 * * *', run: async () => void runs.push(new Date().toISOString()) }], 'Europe/Sofia', silentLogger());
    scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * 86_400_000);
    await scheduler.stop();
    expect(runs.filter((r) => r.startsWith('2026-10-25'))).toHaveLength(1);
  });

  it('neverRunsAJobTwiceAtOnce', async () => {
    vi.setSystemTime(new Date('2026-06-01T00:00:30Z'));
    let running = 0;
    let maxConcurrent = 0;
    let runs = 0;
    const scheduler = new Scheduler(
      [{ name: 'slow', schedule: '* * * * *', run: async () => {
        running += 1;
        runs += 1;
        maxConcurrent = Math.max(maxConcurrent, running);
        await new Promise((r) => setTimeout(r, 150_000));
        running -= 1;
      } }],
      'UTC',
      silentLogger(),
    );
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await scheduler.stop();
    expect(maxConcurrent).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(4);
  });

  it('aFailingJobIsLoggedAndRunsAgainNextTime', async () => {
    vi.setSystemTime(new Date('2026-06-01T00:00:30Z'));
    let runs = 0;
    const scheduler = new Scheduler([{ name: 'flaky', schedule: '* * * * *', run: async () => {
      runs += 1;
      throw new Error('carrier did not answer');
    } }], 'UTC', silentLogger());
    scheduler.start();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    await scheduler.stop();
    expect(runs).toBe(3);
  });

  it('refusesABadCronExpression', () => {
    expect(() => new Scheduler([{ name: 'bad', schedule: '61 * * * *', run: async () => {} }], null, silentLogger())).toThrow(/not a cron expression/);
  });
});
