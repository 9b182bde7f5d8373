import type { CarrierProfile } from '../carriers/profile.js';
import type { CarrierRegistry } from '../carriers/loader.js';
import { formatDay, parseDayMonthYear } from '../carriers/money.js';
import type { Logger } from '../log/logger.js';
import { registerSecret } from '../log/secrets.js';
import { hashCode, isValidCode, maskCode } from '../recharge/code.js';
import type { RechargeResult } from '../recharge/result.js';
import type { RechargeRequest } from '../recharge/service.js';
import type { Store } from '../store/store.js';
import type { DialState, VoucherView } from '../store/vouchers.js';
import { localDay, localDayStart } from '../util/local-day.js';
import { Sealer } from '../store/seal.js';

/** A card as its owner types it in: the PIN, and what is printed on the card. */
export interface NewVoucher {
  pin: string;
  serial?: string | null;
  /** "5", "5.00" or "5,00". */
  amount?: string | null;
  currency?: string | null;
  shop?: string | null;
  /** YYYY-MM-DD or DD.MM.YYYY: the last day the card may be entered. */
  expires?: string | null;
  /** The carrier the card is for (a profile id); absent: whatever SIM is in the box. */
  carrier?: string | null;
}

export type WalletErrorCode =
  | 'bad-pin'
  | 'bad-amount'
  | 'bad-date'
  | 'bad-field'
  | 'unknown-carrier'
  /** The carrier meant has no recharge service: the card could never be dialled. */
  | 'unusable'
  | 'expired'
  /** Dialled before (by CREDIT, the recharge API or the wallet): used, refused, or under way. */
  | 'used'
  | 'duplicate'
  | 'not-found'
  | 'dialled';

/** A card refused before it reaches the wallet (or a removal refused): the message is safe to show. */
export class WalletError extends Error {
  override readonly name = 'WalletError';
  constructor(readonly code: WalletErrorCode, message: string) {
    super(message);
  }
}

export type TopUpOutcome =
  | { kind: 'no-sim' }
  | { kind: 'empty' }
  /** A wallet card was dialled today already (automatic top-ups dial one a day at most). */
  | { kind: 'dialled-today' }
  | { kind: 'dialled'; voucher: VoucherView; result: RechargeResult; left: number };

export interface WalletDeps {
  store: Store;
  /** The install's secret (data dir secret.key): the PIN's hash matches the recharges', the seal is keyed by it. */
  secret: string;
  carriers: CarrierRegistry | null;
  /** The SIM in the box now, for top-ups. */
  sim: () => { profile: CarrierProfile } | null;
  /** The one recharge path (local check, guards, budget, the dial): absent where nothing is dialled (the CLI). */
  recharge: ((request: RechargeRequest) => Promise<RechargeResult>) | null;
  today: () => string;
  logger: Logger;
}

/** Where the daemon notes the carrier of the SIM it last saw (a profile id). */
export const SIM_CARRIER_SETTING = 'sim.carrier';

const FREE_TEXT_RE = /^[\p{L}\p{N} .,:;'"()\-+/#&_]{1,80}$/u;

/**
 * The voucher wallet: cards bought ahead, kept sealed, dialled one at a time through the same
 * recharge path as `CREDIT` — so a card is never dialled twice, a rejected card never again, and
 * the SIM's attempt budget counts wallet dials too.
 */
export class Wallet {
  private readonly sealer: Sealer;
  private readonly log: Logger;

  constructor(private readonly deps: WalletDeps) {
    this.sealer = new Sealer(deps.secret);
    this.log = deps.logger.child({ channel: 'wallet' });
  }

  /**
   * Takes a card only if it can be dialled one day: a PIN of a length its carrier takes (the card's
   * carrier, else the SIM's), not past its date, and never dialled before (its keyed hash is what
   * the recharges keep).
   */
  add(card: NewVoucher): VoucherView {
    const pin = card.pin.trim();
    registerSecret(pin);
    if (!/^[0-9]{5,20}$/.test(pin)) throw new WalletError('bad-pin', 'a card PIN is 5 to 20 digits');
    const carrier = this.carrierFor(pin, card.carrier ?? null);
    const amountCents = card.amount ? parseAmount(card.amount) : null;
    const currency = card.currency ? card.currency.trim().toUpperCase() : null;
    if (currency !== null && !/^[A-Z]{3}$/.test(currency)) throw new WalletError('bad-field', 'currency is a three-letter code such as EUR');
    const expiresOn = card.expires ? parseDay(card.expires) : null;
    if (expiresOn !== null && expiresOn < this.deps.today()) throw new WalletError('expired', `the card expired on ${formatDay(expiresOn)}`);
    const serial = optionalText(card.serial, 'serial');
    const shop = optionalText(card.shop, 'shop');
    const pinHash = hashCode(this.deps.secret, pin);
    const dial = this.deps.store.vouchers.lastDialOf(pinHash);
    if (dial) throw new WalletError('used', dialledBefore(maskCode(pin), dial.state, formatDay(localDay(new Date(dial.at)))));
    const id = this.deps.store.vouchers.add({
      carrier, serial, shop, amountCents, currency, expiresOn,
      pinSealed: this.sealer.seal(pin), pinHash, pinMasked: maskCode(pin),
    });
    if (id === null) throw new WalletError('duplicate', `card ${maskCode(pin)} is already in the wallet`);
    this.log.info({ voucher: id, pin: maskCode(pin), carrier }, 'card added to the wallet');
    return this.list().find((v) => v.id === id)!;
  }

  /**
   * The card's carrier (a profile id), or null for "whatever SIM is in the box" — after checking
   * that the carrier meant takes a PIN of this length. With no carrier named and no SIM known yet,
   * some carrier must take it.
   */
  private carrierFor(pin: string, carrierId: string | null): string | null {
    const profiles = this.deps.carriers?.profiles ?? [];
    const lengths = (profile: CarrierProfile): string => `${profile.file.recharge.codeLengths.join(' or ')} digits`;
    if (carrierId) {
      const profile = profiles.find((p) => p.id === carrierId);
      if (!profile) throw new WalletError('unknown-carrier', `no carrier profile "${carrierId}"`);
      if (!profile.canRecharge) throw new WalletError('unusable', `${profile.file.name} has no recharge service configured: its cards cannot be dialled`);
      if (!isValidCode(pin, profile)) throw new WalletError('bad-pin', `${profile.file.name} cards have ${lengths(profile)}; this PIN has ${pin.length}`);
      return profile.id;
    }
    const sim = this.deps.sim();
    if (sim) {
      const { profile } = sim;
      if (!profile.canRecharge) throw new WalletError('unusable', `the SIM's carrier, ${profile.file.name}, has no recharge service configured: name the card's carrier if it is for another`);
      if (!isValidCode(pin, profile)) throw new WalletError('bad-pin', `the SIM's carrier, ${profile.file.name}, takes PINs of ${lengths(profile)}; this one has ${pin.length} (name the card's carrier if it is for another)`);
      return null;
    }
    const rechargeable = profiles.filter((p) => p.canRecharge);
    if (!rechargeable.some((p) => isValidCode(pin, p))) {
      throw new WalletError('bad-pin', `no carrier takes PINs of ${pin.length} digits (${rechargeable.map((p) => `${p.file.name}: ${lengths(p)}`).join('; ')})`);
    }
    return null;
  }

  list(): VoucherView[] {
    return this.deps.store.vouchers.list(this.deps.today());
  }

  remove(id: number): void {
    const outcome = this.deps.store.vouchers.remove(id, this.deps.today());
    if (outcome === 'not-found') throw new WalletError('not-found', `no card ${id} in the wallet`);
    if (outcome === 'dialled') throw new WalletError('dialled', `card ${id} was dialled; it stays as the record of what it did`);
  }

  /** The cards a top-up could dial now: those the SIM in the box takes, or every new card when no SIM is known. */
  ready(): VoucherView[] {
    const sim = this.deps.sim();
    return sim ? this.usable(sim.profile).map((card) => card.voucher) : this.list().filter((v) => v.state === 'new');
  }

  /** Cards the SIM in the box could take now: new, not expired, for its carrier, of a length it uses. */
  usable(profile: CarrierProfile): Array<{ voucher: VoucherView; pin: string }> {
    const out: Array<{ voucher: VoucherView; pin: string }> = [];
    for (const voucher of this.list()) {
      if (voucher.state !== 'new' || (voucher.carrier !== null && voucher.carrier !== profile.id)) continue;
      const sealed = this.deps.store.vouchers.sealedPin(voucher.id);
      if (!sealed) continue;
      let pin: string;
      try {
        pin = this.sealer.open(sealed);
      } catch {
        // Sealed under another install's key (a database moved without its secret.key), or damaged.
        this.log.warn({ voucher: voucher.id }, 'card cannot be opened with this install\'s key: skipped');
        continue;
      }
      registerSecret(pin);
      if (isValidCode(pin, profile)) out.push({ voucher, pin });
    }
    return out;
  }

  /**
   * Dials the card that expires first. One card per call, whatever happens: a card the carrier
   * rejects is not followed by the next (the budget is the SIM's), and a dial whose outcome is
   * unknown leaves that card to reconciliation. `oncePerDay`: not when a wallet card was dialled
   * today already — only a dial counts, so a day that found the wallet empty still gets its
   * top-up once a card is added.
   */
  async topUp(reason: string, options: { oncePerDay?: boolean } = {}): Promise<TopUpOutcome> {
    const sim = this.deps.sim();
    if (!sim || !this.deps.recharge) return { kind: 'no-sim' };
    if (options.oncePerDay && this.deps.store.vouchers.dialledSince(localDayStart(this.deps.today())) > 0) return { kind: 'dialled-today' };
    const [next, ...rest] = this.usable(sim.profile);
    if (!next) return { kind: 'empty' };
    this.log.info({ voucher: next.voucher.id, pin: next.voucher.pin, reason }, 'topping up from the wallet');
    const result = await this.deps.recharge({ code: next.pin, requestedBy: `wallet:${reason}`, commandId: null });
    const voucher = this.list().find((v) => v.id === next.voucher.id) ?? next.voucher;
    return { kind: 'dialled', voucher, result, left: rest.length };
  }
}

function dialledBefore(masked: string, state: DialState, day: string): string {
  if (state === 'success') return `card ${masked} was used on ${day}`;
  if (state === 'dialling') return `card ${masked} is being dialled now`;
  if (state === 'unknown') return `card ${masked} was dialled on ${day} and its outcome is not known yet`;
  return `the carrier refused card ${masked} on ${day}: it cannot be used`;
}

function parseAmount(text: string): number {
  const match = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) throw new WalletError('bad-amount', 'amount is a number such as 5 or 5.00');
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function parseDay(text: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const day = iso ? parseDayMonthYear(`${iso[3]}.${iso[2]}.${iso[1]}`) : parseDayMonthYear(text.trim());
  if (!day || !/^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})\s*$/.test(text)) throw new WalletError('bad-date', 'the expiry date is YYYY-MM-DD or DD.MM.YYYY');
  return day;
}

function optionalText(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  if (!FREE_TEXT_RE.test(value.trim())) throw new WalletError('bad-field', `${field} is up to 80 letters, digits and punctuation`);
  return value.trim();
}
