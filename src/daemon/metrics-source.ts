import type { Line } from '../line/line.js';
import type { MetricsSource } from '../metrics/source.js';
import { Tally } from '../metrics/tally.js';
import type { RechargeResult } from '../recharge/result.js';
import { localDay } from '../util/local-day.js';
import { VERSION } from '../util/version.js';
import type { RunOutcome } from './runner.js';

const DAY_MS = 86_400_000;

/** The daemon's running counts: commands by channel and outcome, recharges by line and outcome. */
export class BoxTallies {
  readonly commands = new Tally<'channel' | 'outcome'>();
  readonly recharges = new Tally<'line' | 'outcome'>();

  command(channel: string, outcome: RunOutcome): void {
    this.commands.add({ channel, outcome: outcome.kind === 'answered' ? 'answered' : outcome.reason });
  }

  recharge(line: string, result: RechargeResult | 'error'): void {
    this.recharges.add({ line, outcome: result === 'error' ? 'error' : result.kind });
  }
}

/**
 * What /metrics reads from the daemon: each line's STAT? figures (the same collector, whose radio
 * readings are shared for a few seconds), its state, the running counts.
 */
export function metricsSource(deps: { lines: readonly Line[]; tallies: BoxTallies }): MetricsSource {
  return {
    version: VERSION,
    commands: deps.tallies.commands,
    recharges: deps.tallies.recharges,
    recoveries: () =>
      deps.lines.flatMap((line) => Object.entries(line.recoveries).filter(([rung]) => rung !== 'healthy').map(([rung, count]) => ({ line: line.name, rung, count }))),
    readings: () =>
      Promise.all(
        deps.lines.map(async (line) => {
          const s = await line.status();
          const balance = s.balance;
          return {
            line: line.name,
            carrier: line.profile?.id ?? null,
            balance: balance?.cents != null ? { amount: balance.cents / 100, currency: balance.currency ?? '' } : null,
            balanceCheckedAt: balance ? Math.round(Date.parse(balance.checkedAt) / 1000) : null,
            validityDaysLeft: balance?.validUntil ? Math.round((Date.parse(balance.validUntil) - Date.parse(localDay())) / DAY_MS) : null,
            signalDbm: s.signal?.dbm ?? null,
            networkRegistered: s.registration === 'home' || s.registration === 'roaming',
            modemUp: line.up && line.step === 'healthy',
            outboxPending: s.pendingOutbox,
            walletCardsReady: s.walletCards,
          };
        }),
      ),
  };
}
