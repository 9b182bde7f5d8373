/**
 * The box's schedules in the system's own zone are read from `Date` itself, not through an
 * `Intl.DateTimeFormat` (scripts/patch-node-cron.mjs: the formatter's ICU data is ~7 MiB resident).
 * Pinned here against node-cron's own Intl arithmetic for the same zone, across DST changes,
 * half-hour and quarter-hour offsets and a zone whose DST starts at midnight.
 */
import cron from 'node-cron';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { nodeCronPatched, Scheduler } from '../../src/scheduler/scheduler.js';
import { silentLogger } from '../../src/log/logger.js';

const systemZone = process.env.TZ;
afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => {
  if (systemZone === undefined) delete process.env.TZ;
  else process.env.TZ = systemZone;
});

const ZONES = ['Europe/Sofia', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago', 'UTC'];
const PATTERNS = ['0 9 * * *', '30 3 * * *', '0 0 * * *', '*/20 * * * *', '15 2 * * 0', '0 0 1 * *', '30 45 2 * * *'];
// Around each zone's DST changes in 2026 (and a quiet day).
const FROM = ['2026-03-28T18:00:00Z', '2026-04-04T10:00:00Z', '2026-09-05T10:00:00Z', '2026-10-03T10:00:00Z', '2026-10-24T18:00:00Z', '2026-11-01T00:30:00Z', '2026-06-15T12:00:00Z'];

const nextRuns = (pattern: string, timezone: string | undefined): string[] =>
  cron.createTask(pattern, () => undefined, timezone ? { timezone } : {}).getNextRuns(6).map((d) => d.toISOString());

describe('schedules in the system zone', () => {
  it('theInstallPatchedNodeCron', () => {
    expect(nodeCronPatched()).toBe(true);
  });

  it('systemZoneSchedulesBuildNoIntlFormatter', async () => {
    const real = Intl.DateTimeFormat;
    let built = 0;
    Intl.DateTimeFormat = new Proxy(real, { construct: (target, args) => (built++, Reflect.construct(target, args)) });
    try {
      const scheduler = new Scheduler([{ name: 'check', schedule: '0 9 * * *', run: async () => undefined }], null, silentLogger());
      scheduler.start();
      await scheduler.stop();
      expect(built).toBe(0);

      const zoned = new Scheduler([{ name: 'check', schedule: '0 9 * * *', run: async () => undefined }], 'Europe/Sofia', silentLogger());
      zoned.start();
      await zoned.stop();
      expect(built).toBeGreaterThan(0); // a named zone still goes through node-cron's own Intl path
    } finally {
      Intl.DateTimeFormat = real;
    }
  });

  it.each(ZONES)('systemZoneRunsAreNodeCronsOwnRunsFor %s', (zone) => {
    process.env.TZ = zone;
    vi.useFakeTimers({ toFake: ['Date'] });
    for (const from of FROM) {
      vi.setSystemTime(new Date(from));
      for (const pattern of PATTERNS) {
        expect({ from, pattern, runs: nextRuns(pattern, undefined) }).toEqual({ from, pattern, runs: nextRuns(pattern, zone) });
      }
    }
  });

  it('aDailyJobFollowsTheSystemZonesSpringChange', async () => {
    process.env.TZ = 'Europe/Sofia';
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-27T12:00:00Z'));
    const runs: string[] = [];
    const scheduler = new Scheduler([{ name: 'daily', schedule: '0 9 * * *', run: async () => void runs.push(new Date().toISOString()) }], null, silentLogger());
    scheduler.start();
    await vi.advanceTimersByTimeAsync(3 * 86_400_000);
    await scheduler.stop();
    expect(runs.map((r) => r.slice(0, 16))).toEqual(['2026-03-28T07:00', '2026-03-29T06:00', '2026-03-30T06:00']);
  });
});
