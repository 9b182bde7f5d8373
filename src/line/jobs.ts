import type { CarrierProfile } from '../carriers/profile.js';
import type { Config } from '../config/schema.js';
import type { NoticeText, TopUpReason } from '../control/texts.js';
import type { RuntimeSettings } from '../daemon/settings.js';
import type { Logger } from '../log/logger.js';
import type { BalanceCheck, BalanceDialer } from '../recharge/balance.js';
import { runCreditCheck, type TopUpNotice } from '../scheduler/credit-check.js';
import { runKeepAlive } from '../scheduler/keep-alive.js';
import type { Job } from '../scheduler/scheduler.js';
import type { Store } from '../store/store.js';
import { localDay } from '../util/local-day.js';

/** What a line's schedules need of it. */
export interface ScheduledLine {
  readonly name: string;
  /** Whether its modem answers: a parked or starting line skips its runs. */
  readonly up: boolean;
  readonly imsi: string | null;
  readonly profile: CarrierProfile | null;
  readonly balanceUssd: string | null;
  /** The line's modem, for the USSD of a run (only asked while the line is up). */
  dialer(): BalanceDialer;
  readBalanceNow(source: string): Promise<BalanceCheck>;
  notify(text: NoticeText): void;
}

/**
 * A line's scheduled work: its credit check (balance, alerts, the wallet's top-up) and, for carriers
 * that retire idle SIMs, its keep-alive. Each keeps what it remembers (the day an alert went, the
 * last keep-alive) under the line's own keys, `line.<name>.…`.
 */
export function lineJobs(
  line: ScheduledLine,
  deps: {
    box: Config;
    store: Store;
    settings: RuntimeSettings;
    logger: Logger;
    /** The wallet's automatic top-up for the line; absent when it is off. */
    topUp?: (reason: TopUpReason) => Promise<TopUpNotice | null>;
  },
): Job[] {
  const { box, store, settings, logger, topUp } = deps;
  const prefix = `line.${line.name}.`;
  return [
    {
      name: `credit-check:${line.name}`,
      schedule: box.credit.checkSchedule,
      jitterMs: box.credit.checkJitterMinutes * 60_000,
      run: async () => {
        if (!line.up) return;
        await runCreditCheck({
          store,
          dialer: line.dialer(),
          sim: () => (line.imsi && line.profile ? { imsi: line.imsi, profile: line.profile } : null),
          balanceOverride: line.balanceUssd,
          credit: () => settings.credit,
          notify: (text) => line.notify(text),
          logger,
          today: () => localDay(),
          settingsPrefix: prefix,
          readBalance: (source) => line.readBalanceNow(source),
          ...(topUp ? { topUp } : {}),
        });
      },
    },
    {
      name: `keep-alive:${line.name}`,
      schedule: '0 10 * * *',
      run: async () => {
        if (line.up) await runKeepAlive(store, line.dialer(), line.profile, logger, Date.now(), prefix);
      },
    },
  ];
}
