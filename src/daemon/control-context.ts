import type { CarrierProfile } from '../carriers/profile.js';
import type { Config } from '../config/schema.js';
import type { BalanceReport, ControlContext } from '../control/context.js';
import type { Logger } from '../log/logger.js';
import type { Modem } from '../modem/modem.js';
import { checkBalance, type BalanceCheck } from '../recharge/balance.js';
import { settleRecharge } from '../recharge/settle.js';
import type { RechargeService } from '../recharge/service.js';
import { GroupFullError } from '../store/groups.js';
import { CHANNELS } from '../store/channel.js';
import type { Store } from '../store/store.js';
import type { SenderGuard } from './sender-guard.js';
import type { RuntimeSettings } from './settings.js';
import { StatusCollector } from './status.js';

export interface ControlDeps {
  config: Config;
  store: Store;
  settings: RuntimeSettings;
  modem: Modem;
  recharge: Pick<RechargeService, 'recharge'>;
  guard: SenderGuard;
  profile: () => CarrierProfile | null;
  startedAt: number;
  restartModem: () => Promise<void>;
  /** What the supervisor knows is wrong (SIM removed, no network, a recovery under way). */
  problems: () => string[];
  /** Wallet cards the SIM in the box could be topped up with now (STAT?). */
  walletReady: () => number;
  /** The box's shared balance reader (one read at a time). */
  readBalance?: (source: string) => Promise<BalanceCheck>;
  logger: Logger;
}

/** What command handlers get: settings, groups and the box's abilities, never the modem itself. */
export function buildControlContext(deps: ControlDeps): ControlContext {
  const { config, store, settings, modem } = deps;
  const log = deps.logger.child({ channel: 'control' });
  const status = new StatusCollector(modem, store, deps.startedAt, deps.problems, deps.walletReady);

  const balance = async (): Promise<BalanceReport> => {
    const imsi = modem.imsi;
    const profile = deps.profile();
    if (!imsi || !profile) return { kind: 'unknown', why: 'no SIM' };
    const check = deps.readBalance ? await deps.readBalance('query') : await checkBalance(store, modem, imsi, profile, config.credit.balanceUssd, 'query');
    if (check.kind === 'checked') return { kind: 'fresh', cents: check.balance?.cents ?? null, currency: check.balance?.currency ?? null, validUntil: check.validUntil };
    const why =
      check.kind === 'no-method' ? `no balance code for ${profile.name}` : check.kind === 'failed' ? 'balance check failed' : 'the answer was not understood';
    const last = store.balances.latest(imsi);
    if (!last) return { kind: 'unknown', why };
    return { kind: 'last-known', cents: last.balance_cents, currency: last.currency, validUntil: last.valid_until, checkedAt: last.checked_at, why };
  };

  return {
    settings,
    groups: {
      add: (group, number) => {
        try {
          return store.groups.add(group, number) ? 'added' : 'exists';
        } catch (err) {
          if (err instanceof GroupFullError) return 'full';
          throw err;
        }
      },
      remove: (group, number) => store.groups.remove(group, number),
      members: (group) => store.groups.members(group),
    },
    recharge: (request) => deps.recharge.recharge(request),
    status: () => status.collect(deps.profile()?.name ?? null, deps.profile()?.unconfirmed() ?? []),
    balance,
    ussd: async (code) => {
      const answer = await modem.ussd({ code, timeoutMs: (deps.profile()?.file.recharge.answerTimeoutSeconds ?? 30) * 1000 });
      return { status: answer.status, text: answer.text };
    },
    restartModem: deps.restartModem,
    resetRechargeLock: () => {
      if (!modem.imsi) return false;
      store.recharges.resetAttempts(modem.imsi);
      log.warn({ imsiPrefix: modem.imsi.slice(0, 5) }, 'recharge attempt lock reset');
      return true;
    },
    settleRecharge: (ref, used, by) => {
      const result = settleRecharge(store, ref, used, by);
      if (result.kind === 'settled') log.warn({ recharge: result.id, code: result.masked, used, by }, 'recharge outcome settled by an operator');
      return result;
    },
    mayConfigure: (sender, channel) => {
      if (CHANNELS[channel].authenticated || !config.security.configGroupOnly) return true;
      // An empty Config group would leave nobody able to configure by SMS: then the password suffices.
      return store.groups.members('config').length === 0 || deps.guard.isConfigNumber(sender);
    },
  };
}
