import type { CarrierProfile } from '../carriers/profile.js';
import type { CarrierRegistry } from '../carriers/loader.js';
import { formatDay } from '../carriers/money.js';
import type { Logger } from '../log/logger.js';
import { registerSecret } from '../log/secrets.js';
import { hashCode, isValidCode, maskCode } from '../recharge/code.js';
import type { RechargeResult } from '../recharge/result.js';
import type { RechargeRequest } from '../recharge/service.js';
import type { CardFilter, CardOrder, CardPage, CardView } from '../store/cards.js';
import type { Store } from '../store/store.js';
import type { DialState, VoucherInput } from '../store/vouchers.js';
import { localDay, localDayStart } from '../util/local-day.js';
import { optionalCurrency, optionalSerial, optionalText, parseAmount, parseDay, SERIAL_RE } from './card-fields.js';
import { cardsCsv, parseCardsCsv } from './cards-csv.js';
import { parseCardFilter, parseCardPaging, type RawCardPaging, type RawCardQuery } from './card-query.js';
import { WalletBatchError, WalletError, type LineProblem } from './errors.js';
import { Sealer } from '../store/seal.js';

export { WalletError, WalletBatchError } from './errors.js';
export type { WalletErrorCode } from './errors.js';

/** A card as its owner types it in: the PIN, and what is printed on the card. */
export interface NewVoucher {
  pin: string;
  /** `<series>-<number>`, e.g. 101-23423423. */
  serial?: string | null;
  /** "5", "5.00" or "5,00". */
  amount?: string | null;
  currency?: string | null;
  /** Who sold the card. */
  reseller?: string | null;
  /** YYYY-MM-DD or DD.MM.YYYY: the last day the card may be entered. */
  expires?: string | null;
  /** The carrier the card is for (a profile id); absent: whatever SIM is in the box. */
  carrier?: string | null;
}

/** Which cards a mass edit or delete acts on: those ticked, or every card a search finds. */
export type CardSelection = { ids: number[] } | { filter: RawCardQuery };

/** A mass edit's field: kept as it is, or set to a value for every card (null clears it). */
export type FieldEdit = 'preserve' | { setTo: string | null };

/** What "delete all found" must be confirmed with, typed out. */
export const DELETE_ALL_CONFIRMATION = 'delete all';

/** At most this many cards in one import or bulk add. */
export const MAX_BATCH = 10_000;

export type TopUpOutcome =
  | { kind: 'no-sim' }
  | { kind: 'empty' }
  /** A wallet card was dialled today already (automatic top-ups dial one a day at most). */
  | { kind: 'dialled-today' }
  | { kind: 'dialled'; voucher: CardView; result: RechargeResult; left: number };

/** A SIM in one of the box's lines: its cards are of its carrier. */
export interface WalletSim {
  line: string;
  profile: CarrierProfile;
}

export interface WalletDeps {
  store: Store;
  /** The install's secret (data dir secret.key): the PIN's hash matches the recharges', the seal is keyed by it. */
  secret: string;
  carriers: CarrierRegistry | null;
  /** The SIMs in the box's lines now (for the CLI: those the daemon last saw), in the lines' order. */
  sims: () => WalletSim[];
  /** The one recharge path of a line (local check, guards, budget, the dial): absent where nothing is dialled (the CLI). */
  recharge: ((line: string, request: RechargeRequest) => Promise<RechargeResult>) | null;
  today: () => string;
  logger: Logger;
  /** Told when cards come, go, change or are dialled (the box's events); `cards`: how many. */
  onChange?: (change: 'added' | 'removed' | 'edited' | 'dialled', cards: number) => void;
}

/**
 * The voucher wallet: cards bought ahead, kept sealed, dialled one at a time through the same
 * recharge path as `CREDIT` — so a card is never dialled twice, a rejected card never again, and
 * the SIM's attempt budget counts wallet dials too. Around it, the cards as a billing system keeps
 * them: searched by every field, paged, edited and deleted in bulk, imported and exported.
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
  add(card: NewVoucher): CardView {
    const input = this.check(card);
    const id = this.deps.store.vouchers.add(input);
    if (id === null) throw new WalletError('duplicate', `card ${input.pinMasked} is already in the wallet`);
    this.log.info({ voucher: id, pin: input.pinMasked, carrier: input.carrier }, 'card added to the wallet');
    this.deps.onChange?.('added', 1);
    return this.get(id)!;
  }

  /**
   * Every card or none: each is checked as `add` checks it, and against the others of the batch;
   * one bad card refuses the whole batch, with every problem named by its line (or place).
   */
  addAll(cards: Array<{ line: number; card: NewVoucher }>, what: 'line' | 'card' = 'card', found: LineProblem[] = []): CardView[] {
    if (cards.length > MAX_BATCH) throw new WalletError('bad-field', `at most ${MAX_BATCH} cards at a time`);
    const problems = [...found];
    const inputs: VoucherInput[] = [];
    const lineOf = new Map<string, number>();
    for (const { line, card } of cards) {
      try {
        const input = this.check(card);
        const first = lineOf.get(input.pinHash);
        if (first !== undefined) throw new WalletError('duplicate', `the same PIN as ${what} ${first}`);
        if (this.deps.store.vouchers.holds(input.pinHash)) throw new WalletError('duplicate', `card ${input.pinMasked} is already in the wallet`);
        lineOf.set(input.pinHash, line);
        inputs.push(input);
      } catch (err) {
        if (!(err instanceof WalletError)) throw err;
        problems.push({ line, message: err.message });
      }
    }
    if (problems.length) throw new WalletBatchError(problems.sort((a, b) => a.line - b.line), what);
    const ids = this.deps.store.vouchers.addAll(inputs);
    if (ids === null) throw new WalletError('duplicate', 'a card of the batch was added meanwhile: nothing imported');
    this.log.info({ cards: ids.length }, 'cards added to the wallet');
    if (ids.length) this.deps.onChange?.('added', ids.length);
    return ids.length ? this.deps.store.cards.all({ ids }, this.deps.today(), { sort: 'created', descending: false }) : [];
  }

  /** A CSV of cards (see cards-csv.ts), all or nothing: a bad row refuses the file, named by its line. */
  importCsv(text: string): CardView[] {
    const { rows, problems } = parseCardsCsv(text);
    return this.addAll(rows, 'line', problems);
  }

  /** The cards a search finds as CSV; full PINs only when the owner asked for them and confirmed. */
  exportCsv(query: RawCardQuery & RawCardPaging, options: { revealPins: boolean }): string {
    const cards = this.find(query);
    return cardsCsv(cards, options.revealPins ? this.revealPins(cards) : undefined);
  }

  /** The row a card becomes, after every check `add` promises. */
  private check(card: NewVoucher): VoucherInput {
    const pin = (card.pin ?? '').trim();
    registerSecret(pin);
    if (!/^[0-9]{5,20}$/.test(pin)) throw new WalletError('bad-pin', 'a card PIN is 5 to 20 digits');
    const carrier = this.carrierFor(pin, card.carrier ?? null);
    const amountCents = card.amount ? parseAmount(card.amount) : null;
    const currency = optionalCurrency(card.currency);
    const expiresOn = card.expires ? parseDay(card.expires) : null;
    if (expiresOn !== null && expiresOn < this.deps.today()) throw new WalletError('expired', `the card expired on ${formatDay(expiresOn)}`);
    const serial = optionalSerial(card.serial);
    const reseller = optionalText(card.reseller, 'reseller');
    const pinHash = hashCode(this.deps.secret, pin);
    const dial = this.deps.store.vouchers.lastDialOf(pinHash);
    if (dial) throw new WalletError('used', dialledBefore(maskCode(pin), dial.state, formatDay(localDay(new Date(dial.at)))));
    return { carrier, serial, reseller, amountCents, currency, expiresOn, pinSealed: this.sealer.seal(pin), pinHash, pinMasked: maskCode(pin) };
  }

  /** The carriers of the box's SIMs, each once. */
  private simCarriers(): CarrierProfile[] {
    const byId = new Map<string, CarrierProfile>();
    for (const { profile } of this.deps.sims()) if (!byId.has(profile.id)) byId.set(profile.id, profile);
    return [...byId.values()];
  }

  /**
   * The card's carrier (a profile id), or null for "whatever SIM is in the box" — after checking
   * that the carrier meant takes a PIN of this length. With no carrier named: a box whose SIMs are
   * all of one carrier takes it for that one; with SIMs of several, the card is for the one
   * carrier whose cards have its length, and must be named when more than one has; with no SIM
   * known yet, some carrier must take it.
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
    const sims = this.simCarriers();
    if (sims.length === 1) {
      const profile = sims[0]!;
      if (!profile.canRecharge) throw new WalletError('unusable', `the SIM's carrier, ${profile.file.name}, has no recharge service configured: name the card's carrier if it is for another`);
      if (!isValidCode(pin, profile)) throw new WalletError('bad-pin', `the SIM's carrier, ${profile.file.name}, takes PINs of ${lengths(profile)}; this one has ${pin.length} (name the card's carrier if it is for another)`);
      return null;
    }
    if (sims.length > 1) {
      const fitting = sims.filter((profile) => profile.canRecharge && isValidCode(pin, profile));
      if (fitting.length === 1) return fitting[0]!.id;
      const carriersOf = sims.map((profile) => `${profile.file.name}: ${profile.canRecharge ? lengths(profile) : 'no recharge'}`).join('; ');
      if (fitting.length === 0) throw new WalletError('bad-pin', `no carrier of the box's SIMs takes PINs of ${pin.length} digits (${carriersOf})`);
      throw new WalletError('bad-field', `the box's SIMs are of several carriers that take PINs of ${pin.length} digits (${fitting.map((p) => p.file.name).join(', ')}): name the card's carrier`);
    }
    const rechargeable = profiles.filter((p) => p.canRecharge);
    if (!rechargeable.some((p) => isValidCode(pin, p))) {
      throw new WalletError('bad-pin', `no carrier takes PINs of ${pin.length} digits (${rechargeable.map((p) => `${p.file.name}: ${lengths(p)}`).join('; ')})`);
    }
    return null;
  }

  /** Every card with its status today, the soonest to expire first (the order top-ups dial in). */
  list(): CardView[] {
    return this.deps.store.cards.all({}, this.deps.today(), { sort: 'expires', descending: false });
  }

  get(id: number): CardView | undefined {
    return this.deps.store.cards.all({ ids: [id] }, this.deps.today(), { sort: 'created', descending: false })[0];
  }

  /** The advanced search: every field of the billing system's, sorted and paged. */
  search(query: RawCardQuery & RawCardPaging): CardPage {
    const { order, page, perPage } = parseCardPaging(query);
    return this.deps.store.cards.search(this.filterOf(query), this.deps.today(), order, page, perPage);
  }

  /** Every card a search finds, in order (export). */
  find(query: RawCardQuery & RawCardPaging): CardView[] {
    return this.deps.store.cards.all(this.filterOf(query), this.deps.today(), parseCardPaging(query).order);
  }

  /** The distinct resellers of the cards, for the search's "all resellers" choice. */
  resellers(): string[] {
    return this.deps.store.cards.resellers();
  }

  private filterOf(query: RawCardQuery): CardFilter {
    if (query.pin) registerSecret(query.pin.trim());
    return parseCardFilter(query, (pin) => hashCode(this.deps.secret, pin));
  }

  private selected(selection: CardSelection): CardFilter {
    if ('ids' in selection) {
      if (!selection.ids.length || selection.ids.some((id) => !Number.isInteger(id) || id < 1)) throw new WalletError('bad-field', 'select cards by their ids, positive whole numbers');
      return { ids: selection.ids };
    }
    return this.filterOf(selection.filter);
  }

  /**
   * Mass edit: the expiry date and the reseller of the selected cards, each preserved or set. Cards
   * that were dialled keep what they had; the answer says how many were found and how many changed.
   */
  massEdit(selection: CardSelection, edit: { expires: FieldEdit; reseller: FieldEdit }): { found: number; changed: number; kept: number } {
    const expiresOn = edit.expires === 'preserve' ? undefined : edit.expires.setTo === null || edit.expires.setTo.trim() === '' ? null : parseDay(edit.expires.setTo);
    const reseller = edit.reseller === 'preserve' ? undefined : optionalText(edit.reseller.setTo, 'reseller');
    if (expiresOn === undefined && reseller === undefined) throw new WalletError('bad-field', 'nothing to change: set the expiry date or the reseller');
    const { found, changed } = this.deps.store.cards.update(this.selected(selection), this.deps.today(), { expiresOn, reseller });
    this.log.info({ found, changed, expires: expiresOn === undefined ? 'preserve' : expiresOn, reseller: reseller === undefined ? 'preserve' : reseller }, 'cards edited');
    if (changed) this.deps.onChange?.('edited', changed);
    return { found, changed, kept: found - changed };
  }

  /**
   * Deletes the selected cards that were never dialled. Every card a search finds ("delete all")
   * only with `confirm` set to DELETE_ALL_CONFIRMATION; ticked cards by their ids need none.
   */
  deleteCards(selection: CardSelection, confirm?: string | null): { found: number; deleted: number; kept: number } {
    if (!('ids' in selection) && confirm?.trim().toLowerCase() !== DELETE_ALL_CONFIRMATION) {
      throw new WalletError('unconfirmed', `deleting every card found needs the confirmation "${DELETE_ALL_CONFIRMATION}"`);
    }
    const { found, deleted } = this.deps.store.cards.delete(this.selected(selection), this.deps.today());
    this.log.info({ found, deleted }, 'cards deleted');
    if (deleted) this.deps.onChange?.('removed', deleted);
    return { found, deleted, kept: found - deleted };
  }

  /** One card out: only one never dialled, which stays otherwise as the record of what it did. */
  remove(id: number): void {
    const { found, deleted } = this.deps.store.cards.delete({ ids: [id] }, this.deps.today());
    if (found === 0) throw new WalletError('not-found', `no card ${id} in the wallet`);
    if (deleted === 0) throw new WalletError('dialled', `card ${id} was dialled; it stays as the record of what it did`);
    this.deps.onChange?.('removed', 1);
  }

  /**
   * The full PINs of some cards, for an export the owner asked for and confirmed at the box. A card
   * sealed under another install's key has none.
   */
  private revealPins(cards: CardView[]): Map<number, string> {
    const pins = new Map<number, string>();
    for (const card of cards) {
      const pin = this.open(card.id);
      if (pin !== null) pins.set(card.id, pin);
    }
    this.log.warn({ cards: pins.size }, 'full PINs exported');
    return pins;
  }

  /** The SIM of one line, when it is known. */
  private simOf(line: string): WalletSim | undefined {
    return this.deps.sims().find((sim) => sim.line === line);
  }

  /**
   * A wallet card by its serial and PIN (the recharge service's "account and PIN"), when it could
   * be dialled now on `line`: both belong to the same card (the PIN matched by its keyed hash), it is
   * new, and it is for that line's carrier or any. Null otherwise, without saying which check failed.
   */
  cardToDial(serial: string, pin: string, line: string): CardView | null {
    registerSecret(pin);
    if (!SERIAL_RE.test(serial) || !/^[0-9]{5,20}$/.test(pin)) return null;
    const card = this.find({ serial, pin })[0];
    const simCarrier = this.simOf(line)?.profile.id ?? null;
    if (!card || card.status !== 'new' || (card.carrier !== null && simCarrier !== null && card.carrier !== simCarrier)) return null;
    return card;
  }

  private open(id: number): string | null {
    const sealed = this.deps.store.vouchers.sealedPin(id);
    if (!sealed) return null;
    try {
      const pin = this.sealer.open(sealed);
      registerSecret(pin);
      return pin;
    } catch {
      // Sealed under another install's key (a database moved without its secret.key), or damaged.
      this.log.warn({ voucher: id }, 'card cannot be opened with this install\'s key: skipped');
      return null;
    }
  }

  /**
   * The cards a top-up could dial now: those a line's SIM takes (`line`), or any of the box's SIMs
   * takes, or every new card when no SIM is known.
   */
  ready(line?: string): CardView[] {
    const profiles = line === undefined ? this.simCarriers() : [this.simOf(line)?.profile].filter((p): p is CarrierProfile => p !== undefined);
    if (profiles.length === 0) return line === undefined ? this.list().filter((v) => v.status === 'new') : [];
    const cards = new Map<number, CardView>();
    for (const profile of profiles) for (const { voucher } of this.usable(profile)) cards.set(voucher.id, voucher);
    return [...cards.values()];
  }

  /** Cards the SIM in the box could take now: new, not expired, for its carrier, of a length it uses. */
  usable(profile: CarrierProfile): Array<{ voucher: CardView; pin: string }> {
    const out: Array<{ voucher: CardView; pin: string }> = [];
    for (const voucher of this.list()) {
      if (voucher.status !== 'new' || (voucher.carrier !== null && voucher.carrier !== profile.id)) continue;
      const pin = this.open(voucher.id);
      if (pin !== null && isValidCode(pin, profile)) out.push({ voucher, pin });
    }
    return out;
  }

  /**
   * Dials the card of the line's carrier that expires first. One card per call, whatever happens:
   * a card the carrier rejects is not followed by the next (the budget is the SIM's), and a dial
   * whose outcome is unknown leaves that card to reconciliation. `oncePerDay`: not when a wallet
   * card was dialled for this line today already — only a dial counts, so a day that found the
   * wallet empty still gets its top-up once a card is added.
   */
  async topUp(reason: string, line: string, options: { oncePerDay?: boolean } = {}): Promise<TopUpOutcome> {
    const sim = this.simOf(line);
    if (!sim || !this.deps.recharge) return { kind: 'no-sim' };
    if (options.oncePerDay && this.deps.store.vouchers.dialledSince(localDayStart(this.deps.today()), line) > 0) return { kind: 'dialled-today' };
    const [next, ...rest] = this.usable(sim.profile);
    if (!next) return { kind: 'empty' };
    this.log.info({ voucher: next.voucher.id, pin: next.voucher.pin, reason, line }, 'topping up from the wallet');
    const result = await this.deps.recharge(line, { code: next.pin, requestedBy: `wallet:${reason}`, commandId: null });
    const voucher = this.get(next.voucher.id) ?? next.voucher;
    this.deps.onChange?.('dialled', 1);
    return { kind: 'dialled', voucher, result, left: rest.length };
  }
}

function dialledBefore(masked: string, state: DialState, day: string): string {
  if (state === 'success') return `card ${masked} was used on ${day}`;
  if (state === 'dialling') return `card ${masked} is being dialled now`;
  if (state === 'unknown') return `card ${masked} was dialled on ${day} and its outcome is not known yet`;
  return `the carrier refused card ${masked} on ${day}: it cannot be used`;
}
