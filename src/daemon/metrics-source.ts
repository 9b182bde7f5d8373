import type { ControlContext } from '../control/context.js';
import type { MetricsSource } from '../metrics/source.js';
import { Tally } from '../metrics/tally.js';
import type { RechargeResult } from '../recharge/result.js';
import { localDay } from '../util/local-day.js';
import { VERSION } from '../util/version.js';
import type { RunOutcome } from './runner.js';

const DAY_MS = 86_400_000;

/** The daemon's running counts: commands by channel and outcome, recharges by outcome. */
export class BoxTallies {
  readonly commands = new Tally<'channel' | 'outcome'>();
  readonly recharges = new Tally<'outcome'>();

  command(channel: string, outcome: RunOutcome): void {
    this.commands.add({ channel, outcome: outcome.kind === 'answered' ? 'answered' : outcome.reason });
  }

  recharge(result: RechargeResult | 'error'): void {
    this.recharges.add({ outcome: result === 'error' ? 'error' : result.kind });
  }
}

/**
 * What /metrics reads from the daemon: STAT?'s figures (the same collector, whose radio readings
 * are shared for a few seconds), the SIM's carrier, the supervisor's state and the running counts.
 */
export function metricsSource(deps: {
  ctx: ControlContext;
  carrier: () => string | null;
  modemUp: () => boolean;
  recoveries: () => Record<string, number>;
  tallies: BoxTallies;
}): MetricsSource {
  return {
    version: VERSION,
    commands: deps.tallies.commands,
    recharges: deps.tallies.recharges,
    recoveries: () => Object.fromEntries(Object.entries(deps.recoveries()).filter(([rung]) => rung !== 'healthy')),
    async readings() {
      const s = await deps.ctx.status();
      const balance = s.balance;
      return {
        carrier: deps.carrier(),
        balance: balance?.cents != null ? { amount: balance.cents / 100, currency: balance.currency ?? '' } : null,
        balanceCheckedAt: balance ? Math.round(Date.parse(balance.checkedAt) / 1000) : null,
        validityDaysLeft: balance?.validUntil ? Math.round((Date.parse(balance.validUntil) - Date.parse(localDay())) / DAY_MS) : null,
        signalDbm: s.signal?.dbm ?? null,
        networkRegistered: s.registration === 'home' || s.registration === 'roaming',
        modemUp: deps.modemUp(),
        outboxPending: s.pendingOutbox,
        walletCardsReady: s.walletCards,
      };
    },
  };
}
