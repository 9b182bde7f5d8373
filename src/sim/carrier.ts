import { expireCards, issueCards, listCards, type CardList, type CardListQuery, type SeriesInput } from './cards.js';
import type { Dialect } from './dialects.js';
import type { DialRecord, SimState, SimVoucher } from './state.js';

export type { SeriesInput } from './cards.js';

export interface UssdReply {
  /** +CUSD <m>: 0 answer, 1 more input wanted (menu), 2 network ended the session, 4 not supported. */
  m: 0 | 1 | 2 | 4;
  text: string | null;
}

const DAY_MS = 86_400_000;

function ddmmyyyy(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The simulated carrier's billing side: top-up cards generated in series, one use each, statuses
 * new / activated / expired, "invalid or already used" as one answer (as carriers do), and a block
 * on recharging after too many bad codes.
 */
export class SimCarrier {
  constructor(
    private readonly state: SimState,
    private readonly dialect: Dialect,
    private readonly now: () => Date,
    private readonly changed: () => void,
    /** How the carrier texts the SIM (a confirmation SMS from a short number). */
    private readonly textSim: (from: string, text: string) => void = () => {},
  ) {}

  get carrierState(): SimState['carrier'] {
    return this.state.carrier;
  }

  /** The carrier's profile id (vivacom, a1, yettel): what the wallet calls the cards' carrier. */
  get id(): string {
    return this.state.carrier.dialect;
  }

  /** Issues a batch of cards (see sim/cards.ts); throws CardIssueError for a batch it refuses. */
  generateSeries(input: SeriesInput): SimVoucher[] {
    const created = issueCards(this.state.carrier.vouchers, input, this.state.carrier.currency, this.now());
    this.state.carrier.vouchers.push(...created);
    this.changed();
    return created;
  }

  /** The issued cards, newest first, with their status as of today. */
  listCards(query: CardListQuery): CardList {
    return listCards(this.issued(), query);
  }

  /** Every card issued, in the order it was, with its status as of today. */
  issued(): SimVoucher[] {
    this.expireOld();
    return this.state.carrier.vouchers;
  }

  /** Vouchers that would recharge now (new and not past their expiry). */
  unusedVouchers(): SimVoucher[] {
    this.expireOld();
    return this.state.carrier.vouchers.filter((v) => v.status === 'new');
  }

  dialLog(): DialRecord[] {
    return this.state.carrier.dialLog;
  }

  private menuOpen = false;

  /** Closes a menu session (AT+CUSD=2, or the next request that is not a menu choice). */
  endSession(): void {
    this.menuOpen = false;
  }

  handleUssd(code: string): UssdReply {
    const menu = this.dialect.menu;
    if (menu && this.menuOpen) {
      this.menuOpen = false;
      if (code === menu.balanceChoice) return this.balanceAnswer(code);
      this.record(code, 'unknown-code');
      return { m: 2, text: null };
    }
    if (menu && code === menu.code) {
      this.menuOpen = true;
      return { m: 1, text: menu.text };
    }
    const recharge = this.dialect.rechargePattern?.exec(code);
    if (recharge) return this.recharge(code, recharge[1]!);
    if (this.dialect.balanceCode && code === this.dialect.balanceCode) return this.balanceAnswer(code);
    this.record(code, 'unknown-code');
    return { m: 4, text: null };
  }

  private balanceAnswer(code: string): UssdReply {
    this.record(code, 'balance');
    const c = this.state.carrier;
    return { m: 0, text: this.dialect.balance(this.dialect.money(c.balanceCents, c.currency), ddmmyyyy(c.validUntil)) };
  }

  private recharge(code: string, pin: string): UssdReply {
    const c = this.state.carrier;
    const now = this.now();
    if (c.blockedUntil && new Date(c.blockedUntil) > now) {
      this.record(code, 'blocked');
      return { m: 2, text: this.dialect.blocked() };
    }
    this.expireOld();
    const voucher = c.vouchers.find((v) => v.pin === pin);
    if (!voucher || voucher.status !== 'new') {
      c.badAttempts = c.badAttempts.filter((at) => now.getTime() - new Date(at).getTime() < this.dialect.badWindowHours * 3_600_000);
      c.badAttempts.push(now.toISOString());
      if (c.badAttempts.length >= this.dialect.maxBadAttempts) {
        c.blockedUntil = new Date(now.getTime() + this.dialect.blockHours * 3_600_000).toISOString();
        this.record(code, 'blocked');
        return { m: 2, text: this.dialect.blocked() };
      }
      this.record(code, 'rejected');
      return { m: 2, text: this.dialect.rejected() };
    }
    voucher.status = 'activated';
    voucher.activatedAt = now.toISOString();
    voucher.activatedBy = c.imsi;
    c.balanceCents += voucher.amountCents;
    // A top-up keeps the card valid for about a year from the last voucher (reference/domain.md A1).
    const yearAhead = isoDay(new Date(now.getTime() + 365 * DAY_MS));
    if (yearAhead > c.validUntil) c.validUntil = yearAhead;
    this.record(code, 'recharged');
    const money = (cents: number) => this.dialect.money(cents, c.currency);
    const text = this.dialect.success(money(voucher.amountCents), money(c.balanceCents), ddmmyyyy(c.validUntil));
    if (this.dialect.successBySms) {
      this.textSim(this.dialect.successBySms.from, text);
      return { m: 2, text: this.dialect.successBySms.ack };
    }
    return { m: 0, text };
  }

  private expireOld(): void {
    expireCards(this.state.carrier.vouchers, isoDay(this.now()));
  }

  private record(ussd: string, outcome: DialRecord['outcome']): void {
    this.state.carrier.dialLog.push({ at: this.now().toISOString(), ussd, outcome });
    this.changed();
  }
}
