import type { CarrierProfile } from '../carriers/profile.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { Modem } from '../modem/modem.js';
import { runCreditCheck, type CreditCheckDeps } from '../scheduler/credit-check.js';
import { runKeepAlive } from '../scheduler/keep-alive.js';
import type { Job } from '../scheduler/scheduler.js';
import { pruneHistory } from '../store/housekeeping.js';
import { checkpoint } from '../store/db.js';
import type { Store } from '../store/store.js';
import type { RuntimeSettings } from './settings.js';
import { localDay } from '../util/local-day.js';

export interface JobDeps {
  config: Config;
  store: Store;
  modem: Modem;
  settings: RuntimeSettings;
  profile: () => CarrierProfile | null;
  notify: (text: string) => void;
  kickOutbox: () => void;
  expireParts: () => void;
  /** The wallet's top-up for the credit check; absent when automatic top-up is off. */
  topUp?: CreditCheckDeps['topUp'];
  /** The box's shared balance reader. */
  readBalance?: CreditCheckDeps['readBalance'];
  logger: Logger;
}

const DAY_MS = 86_400_000;

/** The box's scheduled work: credit control, keep-alive, housekeeping, and an outbox safety net. */
export function buildJobs(deps: JobDeps): Job[] {
  const { config, store, modem, logger } = deps;
  return [
    {
      name: 'credit-check',
      schedule: config.credit.checkSchedule,
      jitterMs: config.credit.checkJitterMinutes * 60_000,
      run: () =>
        runCreditCheck({
          store,
          dialer: modem,
          sim: () => {
            const profile = deps.profile();
            return modem.imsi && profile ? { imsi: modem.imsi, profile } : null;
          },
          balanceOverride: config.credit.balanceUssd,
          credit: () => deps.settings.credit,
          language: () => deps.settings.language,
          notify: deps.notify,
          logger,
          today: () => localDay(),
          ...(deps.topUp ? { topUp: deps.topUp } : {}),
          ...(deps.readBalance ? { readBalance: deps.readBalance } : {}),
        }),
    },
    { name: 'keep-alive', schedule: '0 10 * * *', run: async () => void (await runKeepAlive(store, modem, deps.profile(), logger)) },
    {
      name: 'housekeeping',
      schedule: '15 4 * * *',
      run: async () => {
        const now = Date.now();
        const counts = pruneHistory(store.db, new Date(now - config.housekeeping.keepDays * DAY_MS).toISOString(), new Date(now - 2 * DAY_MS).toISOString());
        logger.info(counts, 'housekeeping: old history pruned');
      },
    },
    // The outbox pump keeps its own timer; this catches anything a missed timer would leave waiting.
    {
      name: 'minutely',
      schedule: '* * * * *',
      run: async () => {
        deps.kickOutbox();
        deps.expireParts();
        checkpoint(store.db);
      },
    },
  ];
}
