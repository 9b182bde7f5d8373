import type { CarrierProfile } from '../carriers/profile.js';
import type { Money } from '../carriers/money.js';
import type { Outcome } from '../carriers/interpret/interpret.js';
import type { UssdAnswer, UssdRequest } from '../modem/ussd.js';
import type { Store } from '../store/store.js';

export interface BalanceDialer {
  ussd(request: UssdRequest): Promise<UssdAnswer>;
  ussdMenu(steps: string[], timeoutMs: number): Promise<UssdAnswer>;
}

export type BalanceCheck =
  | { kind: 'checked'; balance: Money | null; validUntil: string | null; text: string }
  | { kind: 'no-method' }
  /** The carrier answered, but with no balance or validity in it (what it said, and how it read). */
  | { kind: 'unparsed'; text: string | null; outcome: Outcome | null }
  | { kind: 'failed'; reason: string };

/**
 * Asks the carrier for the balance: the profile's USSD code (the installer's, when set in the
 * config), else its menu steps. The answer is read by the carrier-text interpreter and what it
 * says is recorded in the balance history.
 */
export async function checkBalance(
  store: Store,
  dialer: BalanceDialer,
  imsi: string,
  profile: CarrierProfile,
  override: string | null,
  source: string,
  /** The line whose SIM it is, recorded with the figures. */
  line: string | null = null,
): Promise<BalanceCheck> {
  const code = profile.balanceUssd ?? override;
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
  const reading = answer.text ? profile.read(answer.text, 'balance') : null;
  if (!reading || (!reading.balance && !reading.validUntil)) return { kind: 'unparsed', text: answer.text, outcome: reading?.outcome ?? null };
  const balance = reading.balance ? { cents: reading.balance.cents, currency: reading.balance.currency ?? profile.file.currency } : null;
  store.balances.record(imsi, balance?.cents ?? null, balance?.currency ?? null, reading.validUntil, source, line);
  return { kind: 'checked', balance, validUntil: reading.validUntil, text: answer.text! };
}

/** A balance read this recent answers a new request (the start-up check, a CREDIT? beside it). */
export const REUSE_MS = 30_000;

/**
 * One balance read at a time for the whole box: a read asked for while another is under way
 * shares it, and one asked for within REUSE_MS of the last (with no recharge since) reuses its
 * figures, so the start-up check, CREDIT? and the first recharge's "before" dial the carrier once.
 */
export class BalanceReader {
  private inFlight: Promise<BalanceCheck> | null = null;

  constructor(
    private readonly read: (source: string) => Promise<BalanceCheck>,
    private readonly store: Store,
    private readonly imsi: () => string | null,
  ) {}

  now(source: string): Promise<BalanceCheck> {
    if (this.inFlight) return this.inFlight;
    const recent = this.recent();
    if (recent) return Promise.resolve(recent);
    this.inFlight = this.read(source).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private recent(): BalanceCheck | null {
    const imsi = this.imsi();
    const row = imsi ? this.store.balances.latest(imsi) : undefined;
    if (!imsi || !row || row.source === 'recharge' || Date.now() - Date.parse(row.checked_at) > REUSE_MS) return null;
    const lastRecharge = this.store.recharges.latestStartedAt(imsi);
    if (lastRecharge !== null && lastRecharge >= row.checked_at) return null;
    const balance = row.balance_cents !== null && row.currency ? { cents: row.balance_cents, currency: row.currency } : null;
    return { kind: 'checked', balance, validUntil: row.valid_until, text: `read at ${row.checked_at}` };
  }
}
