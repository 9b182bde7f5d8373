import type { CarrierProfile } from '../carriers/profile.js';
import { formatDay, formatMoney } from '../carriers/money.js';
import { say, type NoticeText, type TopUpReason } from '../control/texts.js';
import type { CreditControlSettings } from '../control/context.js';
import type { Logger } from '../log/logger.js';
import { checkBalance, type BalanceCheck, type BalanceDialer } from '../recharge/balance.js';
import type { Store } from '../store/store.js';

/** What an automatic top-up tells the Notify group, and whether the card went through. */
export interface TopUpNotice {
  notice: NoticeText;
  toppedUp: boolean;
}

export interface CreditCheckDeps {
  store: Store;
  dialer: BalanceDialer;
  sim: () => { imsi: string; profile: CarrierProfile } | null;
  balanceOverride: string | null;
  credit: () => CreditControlSettings;
  /** Texts the Notify group, each member in its own language. */
  notify: (text: NoticeText) => void;
  logger: Logger;
  /** The box's local day, YYYY-MM-DD (alerts go at most once per day). */
  today: () => string;
  /** Where the line's alert days are kept: `line.<name>.` before each key, so each line alerts on its own. */
  settingsPrefix?: string;
  /** The box's shared balance reader (one read at a time); absent: the check dials on its own. */
  readBalance?: (source: string) => Promise<BalanceCheck>;
  /**
   * Dials the next wallet card (absent when automatic top-up is off): the notice for the Notify
   * group, and whether the card went through; null when no card was dialled (the wallet has no
   * usable card, or one was dialled today already).
   */
  topUp?: (reason: TopUpReason) => Promise<TopUpNotice | null>;
}

const DAY_MS = 86_400_000;

/**
 * The credit-control option at work: check the balance, keep the history, and tell the Notify
 * group when the balance is low or the SIM's validity is ending — each alert at most once a day.
 */
export async function runCreditCheck(deps: CreditCheckDeps): Promise<void> {
  const control = deps.credit();
  const sim = deps.sim();
  if (!control.enabled || !sim) return;
  const check = deps.readBalance ? await deps.readBalance('schedule') : await checkBalance(deps.store, deps.dialer, sim.imsi, sim.profile, deps.balanceOverride, 'schedule');
  // A carrier with no balance code (and none configured) is not a fault: the recharge answers and
  // CREDIT? keep the figures then.
  if (check.kind === 'no-method') deps.logger.debug('no balance code for this carrier: scheduled check skipped');
  else if (check.kind !== 'checked') deps.logger.warn({ outcome: check.kind }, 'scheduled balance check gave no figures');
  const latest = deps.store.balances.latest(sim.imsi);
  if (!latest) return;
  const today = deps.today();
  const once = (key: string, text: NoticeText): void => {
    const kept = `${deps.settingsPrefix ?? ''}${key}`;
    if (deps.store.settings.get<string>(kept) === today) return;
    deps.store.settings.set(kept, today);
    deps.notify(text);
  };

  const low = control.lowBalance !== null && latest.balance_cents !== null && latest.balance_cents < Math.round(control.lowBalance * 100);
  const daysLeft = latest.valid_until ? Math.ceil((Date.parse(`${latest.valid_until}T23:59:59Z`) - Date.now()) / DAY_MS) : null;
  const ending = control.validityDays !== null && daysLeft !== null && daysLeft <= control.validityDays;

  // The wallet first, on figures read just now (a remembered balance may be stale: the owner may have
  // topped up with a phone); the wallet dials one card a day at most, so a balance the box misreads
  // cannot empty it.
  if ((low || ending) && check.kind === 'checked' && deps.topUp) {
    const outcome = await deps.topUp(low ? 'low balance' : 'validity ending');
    if (outcome) deps.notify(outcome.notice);
    if (outcome?.toppedUp) return;
  }

  if (low) {
    const balance = formatMoney({ cents: latest.balance_cents!, currency: latest.currency ?? '' });
    const threshold = `${control.lowBalance!.toFixed(2)} ${latest.currency ?? ''}`.trim();
    once('alert.lowBalance', (lang) => say(lang, `gsmkeeper: balance ${balance} is below ${threshold}. Top up with CREDIT <code>.`, `gsmkeeper: наличността ${balance} е под ${threshold}. Заредете с CREDIT <код>.`));
  }
  if (ending) {
    const until = formatDay(latest.valid_until!);
    once('alert.validity', (lang) => say(lang, `gsmkeeper: the SIM is valid until ${until} (${Math.max(0, daysLeft!)} days). Top up to keep it.`, `gsmkeeper: SIM картата е валидна до ${until} (${Math.max(0, daysLeft!)} дни). Заредете, за да я запазите.`));
  }
}
