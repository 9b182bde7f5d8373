import type { CarrierProfile } from '../carriers/profile.js';
import type { CarrierRegistry } from '../carriers/loader.js';
import { parseDayMonthYear } from '../carriers/money.js';
import type { Logger } from '../log/logger.js';
import { registerSecret } from '../log/secrets.js';
import { hashCode, isValidCode, maskCode } from '../recharge/code.js';
import type { RechargeResult } from '../recharge/result.js';
import type { RechargeRequest } from '../recharge/service.js';
import type { Store } from '../store/store.js';
import type { VoucherView } from '../store/vouchers.js';
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

export type WalletErrorCode = 'bad-pin' | 'bad-amount' | 'bad-date' | 'bad-field' | 'unknown-carrier' | 'duplicate' | 'not-found' | 'dialled';

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

  add(card: NewVoucher): VoucherView {
    const pin = card.pin.trim();
    registerSecret(pin);
    if (!/^[0-9]{5,20}$/.test(pin)) throw new WalletError('bad-pin', 'a card PIN is 5 to 20 digits');
    let carrier: string | null = null;
    if (card.carrier) {
      const profile = this.deps.carriers?.profiles.find((p) => p.id === card.carrier);
      if (!profile) throw new WalletError('unknown-carrier', `no carrier profile "${card.carrier}"`);
      if (profile.canRecharge && !isValidCode(pin, profile)) {
        throw new WalletError('bad-pin', `${profile.file.name} cards have ${profile.file.recharge.codeLengths.join(' or ')} digits`);
      }
      carrier = profile.id;
    }
    const amountCents = card.amount ? parseAmount(card.amount) : null;
    const currency = card.currency ? card.currency.trim().toUpperCase() : null;
    if (currency !== null && !/^[A-Z]{3}$/.test(currency)) throw new WalletError('bad-field', 'currency is a three-letter code such as EUR');
    const expiresOn = card.expires ? parseDay(card.expires) : null;
    const serial = optionalText(card.serial, 'serial');
    const shop = optionalText(card.shop, 'shop');
    const id = this.deps.store.vouchers.add({
      carrier, serial, shop, amountCents, currency, expiresOn,
      pinSealed: this.sealer.seal(pin), pinHash: hashCode(this.deps.secret, pin), pinMasked: maskCode(pin),
    });
    if (id === null) throw new WalletError('duplicate', `card ${maskCode(pin)} is already in the wallet`);
    this.log.info({ voucher: id, pin: maskCode(pin), carrier }, 'card added to the wallet');
    return this.list().find((v) => v.id === id)!;
  }

  list(): VoucherView[] {
    return this.deps.store.vouchers.list(this.deps.today());
  }

  remove(id: number): void {
    const outcome = this.deps.store.vouchers.remove(id, this.deps.today());
    if (outcome === 'not-found') throw new WalletError('not-found', `no card ${id} in the wallet`);
    if (outcome === 'dialled') throw new WalletError('dialled', `card ${id} was dialled; it stays as the record of what it did`);
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
   * unknown leaves that card to reconciliation.
   */
  async topUp(reason: string): Promise<TopUpOutcome> {
    const sim = this.deps.sim();
    if (!sim || !this.deps.recharge) return { kind: 'no-sim' };
    const [next, ...rest] = this.usable(sim.profile);
    if (!next) return { kind: 'empty' };
    this.log.info({ voucher: next.voucher.id, pin: next.voucher.pin, reason }, 'topping up from the wallet');
    const result = await this.deps.recharge({ code: next.pin, requestedBy: `wallet:${reason}`, commandId: null });
    const voucher = this.list().find((v) => v.id === next.voucher.id) ?? next.voucher;
    return { kind: 'dialled', voucher, result, left: rest.length };
  }
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
