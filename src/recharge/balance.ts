import type { CarrierProfile } from '../carriers/profile.js';
import type { Money } from '../carriers/money.js';
import type { UssdAnswer, UssdRequest } from '../modem/ussd.js';
import type { Store } from '../store/store.js';

export interface BalanceDialer {
  ussd(request: UssdRequest): Promise<UssdAnswer>;
  ussdMenu(steps: string[], timeoutMs: number): Promise<UssdAnswer>;
}

export type BalanceCheck =
  | { kind: 'checked'; balance: Money | null; validUntil: string | null }
  | { kind: 'no-method' }
  | { kind: 'unparsed'; text: string | null }
  | { kind: 'failed'; reason: string };

/**
 * Asks the carrier for the balance: the profile's USSD code (or the installer's override), else its
 * menu steps. What the answer says is recorded in the balance history.
 */
export async function checkBalance(
  store: Store,
  dialer: BalanceDialer,
  imsi: string,
  profile: CarrierProfile,
  override: string | null,
  source: string,
): Promise<BalanceCheck> {
  const code = profile.file.balance.ussd ?? override;
  const menu = profile.file.balance.menu;
  const timeoutMs = profile.file.recharge.answerTimeoutSeconds * 1000;
  let answer: UssdAnswer;
  try {
    if (code) answer = await dialer.ussd({ code, timeoutMs });
    else if (menu?.length) answer = await dialer.ussdMenu(menu, timeoutMs);
    else return { kind: 'no-method' };
  } catch (err) {
    return { kind: 'failed', reason: err instanceof Error ? err.message : String(err) };
  }
  const parsed = answer.text ? profile.parseBalance(answer.text) : null;
  if (!parsed || (!parsed.balance && !parsed.validUntil)) return { kind: 'unparsed', text: answer.text };
  store.balances.record(imsi, parsed.balance?.cents ?? null, parsed.balance?.currency ?? null, parsed.validUntil, source);
  return { kind: 'checked', balance: parsed.balance, validUntil: parsed.validUntil };
}
