import { formatMoney, type Money } from '../carriers/money.js';
import type { Amount, Reading } from '../carriers/interpret/interpret.js';
import type { CarrierProfile } from '../carriers/profile.js';
import { isModemError } from '../modem/errors.js';
import type { UssdAnswer, UssdRequest } from '../modem/ussd.js';
import type { Logger } from '../log/logger.js';
import { maskSecrets, registerSecret } from '../log/secrets.js';
import type { Store } from '../store/store.js';
import type { BalanceRow } from '../store/balances.js';
import type { RechargeRow } from '../store/recharges.js';
import { carrierWords, INTERRUPTED, NO_ANSWER } from '../store/recharges.js';
import { SerialLock } from '../util/serial-lock.js';
import type { BalanceCheck } from './balance.js';
import { hashCode, isValidCode, maskCode } from './code.js';
import type { RechargeResult } from './result.js';

export interface UssdDialer {
  ussd(request: UssdRequest): Promise<UssdAnswer>;
}

export interface RechargeContext {
  /** The line whose SIM this service recharges. */
  line: string;
  store: Store;
  dialer: UssdDialer;
  /** The SIM in the modem now; recharge is refused until it is known. */
  sim: () => { imsi: string; profile: CarrierProfile } | null;
  /** The credit control option of the seed device. */
  enabled: () => boolean;
  /** Per-install key for hashing codes. */
  secret: string;
  logger: Logger;
  /** Called once when recharging locks itself (the Notify group is told). */
  onLock?: (reason: 'budget' | 'carrier', rejections: number) => void;
  /** Waits for an SMS from one of these senders; resolves with its text, or null after `ms`. */
  awaitSms?: (from: string[], ms: number) => Promise<string | null>;
  /** Reads the balance now and records it (the carrier's code or menu); 'no-method' when there is none. */
  readBalance?: (source: string) => Promise<BalanceCheck>;
  /** A balance read this recently serves as the "before" of a dial without reading it again. */
  balanceFreshMs?: number;
}

export interface RechargeRequest {
  code: string;
  requestedBy: string;
  commandId: number | null;
}

const DEFAULT_FRESH_MS = 5 * 60_000;

/** Why a code may not be dialled because of an earlier dial of it (used, under way, or unknown), or null. */
function usedBefore(previous: RechargeRow | undefined, masked: string): RechargeResult | null {
  if (previous?.state === 'success') return { kind: 'already-used', masked, at: previous.finished_at ?? previous.started_at };
  if (previous?.state === 'dialling') return { kind: 'in-progress', masked };
  if (previous?.state === 'unknown') {
    return { kind: 'outcome-unknown', masked, at: previous.started_at, id: previous.id, carrierSaid: carrierWords(previous.answer), interrupted: previous.answer === INTERRUPTED };
  }
  return null;
}

const toMoney = (row: BalanceRow | undefined): Money | null =>
  row && row.balance_cents !== null && row.currency ? { cents: row.balance_cents, currency: row.currency } : null;

/**
 * The voucher flow: local check, duplicate and attempt-budget guards, a balance read so the dial
 * has a "before", the recharge row committed as 'dialling', the moment AT+CUSD is written marked,
 * the carrier's answer read for meaning, figures recorded. One recharge at a time, so the guards
 * and the dial are atomic with respect to each other.
 */
export class RechargeService {
  private readonly lock = new SerialLock();
  private readonly log: Logger;

  constructor(private readonly ctx: RechargeContext) {
    this.log = ctx.logger.child({ channel: 'recharge', line: ctx.line });
  }

  recharge(request: RechargeRequest): Promise<RechargeResult> {
    registerSecret(request.code);
    return this.lock.run(() => this.run(request));
  }

  private async run({ code, requestedBy, commandId }: RechargeRequest): Promise<RechargeResult> {
    const { store } = this.ctx;
    if (!this.ctx.enabled()) return { kind: 'disabled' };
    const sim = this.ctx.sim();
    if (!sim || !sim.profile.canRecharge) return { kind: 'unavailable' };
    const { imsi, profile } = sim;
    if (!isValidCode(code, profile)) return { kind: 'invalid-code' };
    // A command a restart interrupted runs again, but its code is never dialled again: the answer
    // is what its earlier dial came to (a crash can fall between settling that dial and answering).
    const earlier = commandId === null ? undefined : store.recharges.ofCommand(commandId);
    if (earlier) return this.earlierDial(earlier, profile);

    const masked = maskCode(code);
    const codeHash = hashCode(this.ctx.secret, code);
    const used = usedBefore(store.recharges.blockingUseOf(codeHash), masked);
    if (used) return used;

    const budget = profile.attemptBudget;
    const since = new Date(Date.now() - budget.windowHours * 3_600_000).toISOString();
    const rejections = store.recharges.rejectionsSince(imsi, since);
    if (store.recharges.lockedByCarrier(imsi)) return { kind: 'locked', reason: 'carrier', rejections, allowed: budget.allowed, windowHours: budget.windowHours };
    if (rejections >= budget.allowed) return { kind: 'locked', reason: 'budget', rejections, allowed: budget.allowed, windowHours: budget.windowHours };

    if (profile.hasBalanceCheck) await this.readBalanceBefore(imsi);
    // Another line may have begun dialling this code while the balance was read: looked at again
    // in the same turn as the row is begun, so no two lines ever dial one code.
    const meanwhile = usedBefore(store.recharges.blockingUseOf(codeHash), masked);
    if (meanwhile) return meanwhile;
    const before = toMoney(store.balances.latest(imsi));
    const id = store.recharges.begin({ line: this.ctx.line, imsi, carrier: profile.id, codeHash, codeMasked: masked, commandId, requestedBy });
    this.log.info({ recharge: id, code: masked, carrier: profile.id }, 'dialling voucher');

    let written = false;
    let answer: UssdAnswer;
    try {
      answer = await this.ctx.dialer.ussd({
        code: profile.rechargeUssd(code),
        timeoutMs: profile.file.recharge.answerTimeoutSeconds * 1000,
        secrets: [code],
        beforeWrite: () => {
          store.recharges.markWritten(id);
          written = true;
        },
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      // Never written (the port closed or the modem stopped answering while it was queued), or
      // refused with ERROR: the request never left the modem and the card was not used.
      const neverSent = !written || isModemError(err, 'ussd-refused');
      store.recharges.finish(id, { state: neverSent ? 'failed' : 'unknown', answer: neverSent ? reason : `${NO_ANSWER}${reason}` });
      this.log.warn({ recharge: id, code: masked, reason, written }, neverSent ? 'recharge not sent' : 'recharge outcome unknown');
      return neverSent ? { kind: 'failed', masked, reason: written ? 'the modem refused the request' : 'the request never reached the modem' } : { kind: 'no-answer', masked, id };
    }

    // A carrier may echo the code back: it is read as sent, but stored and repeated masked (this
    // code first, so a shorter registered code inside it cannot leave a digit more showing).
    const hideCode = (said: string): string => maskSecrets(said.split(code).join(masked));
    let text = answer.text === null ? null : hideCode(answer.text);
    let reading = answer.text === null ? null : profile.read(answer.text, 'topup');
    // Some carriers only acknowledge by USSD and send the outcome by SMS from a short number.
    const bySms = profile.file.recharge.answerBySms;
    if (bySms && this.ctx.awaitSms && (reading === null || reading.outcome === 'other') && answer.status !== 'not-supported') {
      this.log.info({ recharge: id, waitSeconds: bySms.waitSeconds }, 'waiting for the carrier SMS');
      const sms = await this.ctx.awaitSms(bySms.from, bySms.waitSeconds * 1000);
      if (sms !== null) {
        text = text ? `${text} | ${hideCode(sms)}` : hideCode(sms);
        reading = profile.read(sms, 'topup');
      }
    }
    if (text === null || reading === null) {
      if (answer.status === 'not-supported') {
        store.recharges.finish(id, { state: 'failed', answer: '+CUSD 4 (operation not supported)' });
        return { kind: 'failed', masked, reason: 'the carrier does not support this request' };
      }
      // The network closed the session without a word: the code may have been taken.
      store.recharges.finish(id, { state: 'unknown', answer: `${NO_ANSWER}+CUSD ${answer.status} without text` });
      return { kind: 'no-answer', masked, id };
    }

    this.log.info({ recharge: id, code: masked, outcome: reading.outcome }, 'carrier answered');
    return this.conclude(id, imsi, profile, masked, text, reading, before, rejections);
  }

  /** What a command's earlier dial came to, as the result a re-run of the command answers with. */
  private earlierDial(row: RechargeRow, profile: CarrierProfile): RechargeResult {
    const { store } = this.ctx;
    const masked = row.code_masked;
    this.log.warn({ recharge: row.id, code: masked, state: row.state }, 'command run again: its code is not dialled again');
    const money = (cents: number | null, currency: string | null): Money | null => (cents !== null && currency ? { cents, currency } : null);
    switch (row.state) {
      case 'success': {
        const before = store.balances.latestBefore(row.imsi, row.started_at);
        return { kind: 'success', masked, added: money(row.added_cents, row.currency), balance: money(row.balance_cents, row.currency), before: money(before?.balance_cents ?? null, before?.currency ?? null), validUntil: row.valid_until };
      }
      case 'rejected': {
        const budget = profile.attemptBudget;
        const rejections = store.recharges.rejectionsSince(row.imsi, new Date(Date.now() - budget.windowHours * 3_600_000).toISOString());
        return { kind: 'rejected', masked, attemptsLeft: Math.max(0, budget.allowed - rejections), windowHours: budget.windowHours };
      }
      case 'attempts-exceeded':
        return { kind: 'attempts-exceeded', masked };
      case 'failed':
        return { kind: 'failed', masked, reason: 'it was interrupted by a restart' };
      case 'unknown':
      case 'dialling':
        return usedBefore(row, masked)!;
    }
  }

  /** A balance to compare with, read now unless one from the last minutes is known. */
  private async readBalanceBefore(imsi: string): Promise<void> {
    if (!this.ctx.readBalance) return;
    const latest = this.ctx.store.balances.latest(imsi);
    if (latest && Date.now() - Date.parse(latest.checked_at) < (this.ctx.balanceFreshMs ?? DEFAULT_FRESH_MS)) return;
    const check = await this.ctx.readBalance('before-recharge').catch((err: unknown) => ({ kind: 'failed' as const, reason: String(err) }));
    if (check.kind !== 'checked' && check.kind !== 'no-method') this.log.warn({ outcome: check.kind }, 'balance before the recharge not read');
  }

  private async conclude(id: number, imsi: string, profile: CarrierProfile, masked: string, text: string, reading: Reading, before: Money | null, rejections: number): Promise<RechargeResult> {
    const { store } = this.ctx;
    const budget = profile.attemptBudget;
    const money = (amount: Amount | null): Money | null => (amount ? { cents: amount.cents, currency: amount.currency ?? profile.file.currency } : null);
    switch (reading.outcome) {
      case 'success':
        return this.succeed(id, imsi, masked, text, money(reading.added), money(reading.balance), reading.validUntil, before);
      case 'rejected': {
        store.recharges.finish(id, { state: 'rejected', answer: text });
        const attemptsLeft = Math.max(0, budget.allowed - (rejections + 1));
        if (attemptsLeft === 0) this.ctx.onLock?.('budget', rejections + 1);
        return { kind: 'rejected', masked, attemptsLeft, windowHours: budget.windowHours };
      }
      case 'attempts-exceeded':
        store.recharges.finish(id, { state: 'attempts-exceeded', answer: text });
        this.ctx.onLock?.('carrier', rejections);
        return { kind: 'attempts-exceeded', masked };
      case 'unavailable':
        store.recharges.finish(id, { state: 'failed', answer: text });
        return { kind: 'failed', masked, reason: 'the carrier says the service is unavailable' };
      case 'balance': {
        // Only a balance in the answer: it went through if the balance rose.
        const after = money(reading.balance);
        if (after && before && after.currency === before.currency && after.cents > before.cents) {
          return this.succeed(id, imsi, masked, text, { cents: after.cents - before.cents, currency: after.currency }, after, reading.validUntil, before);
        }
        return this.unclear(id, imsi, masked, text, before);
      }
      case 'other':
        return this.unclear(id, imsi, masked, text, before);
    }
  }

  private async succeed(id: number, imsi: string, masked: string, text: string, added: Money | null, balance: Money | null, validUntil: string | null, before: Money | null): Promise<RechargeResult> {
    const { store } = this.ctx;
    store.recharges.finish(id, {
      state: 'success', answer: text, addedCents: added?.cents ?? null, balanceCents: balance?.cents ?? null,
      currency: balance?.currency ?? added?.currency ?? null, validUntil,
    });
    if (balance || validUntil) store.balances.record(imsi, balance?.cents ?? null, balance?.currency ?? null, validUntil, 'recharge', this.ctx.line);
    else if (this.ctx.readBalance && this.ctx.sim()?.profile.hasBalanceCheck) {
      // A success without figures: the balance code says what the SIM has now.
      const check = await this.ctx.readBalance('after-recharge').catch(() => null);
      if (check?.kind === 'checked') {
        balance = check.balance;
        validUntil = check.validUntil;
        if (!added && balance && before && balance.currency === before.currency && balance.cents > before.cents) added = { cents: balance.cents - before.cents, currency: balance.currency };
      }
    }
    return { kind: 'success', masked, added, balance, before, validUntil };
  }

  /**
   * An answer that does not say what happened: the card is never dialled again. A balance read
   * now settles it when the balance rose; otherwise it waits for an operator (SETTLE).
   */
  private async unclear(id: number, imsi: string, masked: string, text: string, before: Money | null): Promise<RechargeResult> {
    const { store } = this.ctx;
    store.recharges.finish(id, { state: 'unknown', answer: text });
    if (this.ctx.readBalance && before && this.ctx.sim()?.profile.hasBalanceCheck) {
      const check = await this.ctx.readBalance('after-recharge').catch(() => null);
      const now = check?.kind === 'checked' ? check.balance : null;
      if (now && now.currency === before.currency && now.cents > before.cents) {
        const added = { cents: now.cents - before.cents, currency: now.currency };
        store.recharges.settle(id, { state: 'success', answer: `${text} | balance ${formatMoney(before)} → ${formatMoney(now)}`, addedCents: added.cents, balanceCents: now.cents, currency: now.currency, validUntil: check?.kind === 'checked' ? check.validUntil : null });
        return { kind: 'success', masked, added, balance: now, before, validUntil: check?.kind === 'checked' ? check.validUntil : null };
      }
    }
    return { kind: 'unrecognised', masked, text, id };
  }
}
