import type { CarrierProfile } from '../carriers/profile.js';
import { isAtError } from '../at/errors.js';
import { isModemError } from '../modem/errors.js';
import type { UssdAnswer, UssdRequest } from '../modem/ussd.js';
import type { Logger } from '../log/logger.js';
import { registerSecret } from '../log/secrets.js';
import type { Store } from '../store/store.js';
import { SerialLock } from '../util/serial-lock.js';
import { hashCode, isValidCode, maskCode } from './code.js';
import type { RechargeResult } from './result.js';

export interface UssdDialer {
  ussd(request: UssdRequest): Promise<UssdAnswer>;
}

export interface RechargeContext {
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
}

export interface RechargeRequest {
  code: string;
  requestedBy: string;
  commandId: number | null;
}

/**
 * The voucher flow: local check, duplicate and attempt-budget guards, the recharge row committed
 * as 'dialling' before AT+CUSD, the carrier's answer classified, figures recorded. One recharge at
 * a time, so the guards and the dial are atomic with respect to each other.
 */
export class RechargeService {
  private readonly lock = new SerialLock();
  private readonly log: Logger;

  constructor(private readonly ctx: RechargeContext) {
    this.log = ctx.logger.child({ channel: 'recharge' });
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

    const masked = maskCode(code);
    const codeHash = hashCode(this.ctx.secret, code);
    const previous = store.recharges.blockingUseOf(codeHash);
    if (previous?.state === 'success') return { kind: 'already-used', masked, at: previous.finished_at ?? previous.started_at };
    if (previous?.state === 'dialling') return { kind: 'in-progress', masked };
    if (previous?.state === 'unknown') return { kind: 'outcome-unknown', masked, at: previous.started_at };

    const budget = profile.attemptBudget;
    const since = new Date(Date.now() - budget.windowHours * 3_600_000).toISOString();
    const rejections = store.recharges.rejectionsSince(imsi, since);
    if (store.recharges.lockedByCarrier(imsi)) return { kind: 'locked', reason: 'carrier', rejections, allowed: budget.allowed, windowHours: budget.windowHours };
    if (rejections >= budget.allowed) return { kind: 'locked', reason: 'budget', rejections, allowed: budget.allowed, windowHours: budget.windowHours };

    const before = store.balances.latest(imsi);
    const id = store.recharges.begin({ imsi, carrier: profile.id, codeHash, codeMasked: masked, commandId, requestedBy });
    this.log.info({ recharge: id, code: masked, carrier: profile.id }, 'dialling voucher');

    let answer: UssdAnswer;
    try {
      answer = await this.ctx.dialer.ussd({
        code: profile.rechargeUssd(code),
        timeoutMs: profile.file.recharge.answerTimeoutSeconds * 1000,
        secrets: [code],
      });
    } catch (err) {
      // An ERROR to AT+CUSD means the request never left the modem; anything else may have reached the carrier.
      const neverSent = isAtError(err, 'error') || isAtError(err, 'cme') || isModemError(err, 'ussd-bad-request');
      const reason = err instanceof Error ? err.message : String(err);
      store.recharges.finish(id, { state: neverSent ? 'failed' : 'unknown', answer: reason });
      this.log.warn({ recharge: id, code: masked, reason }, neverSent ? 'recharge not sent' : 'recharge outcome unknown');
      return neverSent ? { kind: 'failed', masked, reason: 'the modem refused the request' } : { kind: 'no-answer', masked };
    }

    let text = answer.text;
    let classified = text === null ? null : profile.classify(text);
    // Some carriers only acknowledge by USSD and send the outcome by SMS from a short number.
    const bySms = profile.file.recharge.answerBySms;
    if (bySms && this.ctx.awaitSms && (classified === null || classified.outcome === 'unknown') && answer.status !== 'not-supported') {
      this.log.info({ recharge: id, waitSeconds: bySms.waitSeconds }, 'waiting for the carrier SMS');
      const sms = await this.ctx.awaitSms(bySms.from, bySms.waitSeconds * 1000);
      if (sms !== null) {
        text = text ? `${text} | ${sms}` : sms;
        classified = profile.classify(sms);
      }
    }
    if (text === null || classified === null) {
      store.recharges.finish(id, { state: 'failed', answer: `+CUSD ${answer.status} without text` });
      return { kind: 'failed', masked, reason: answer.status === 'not-supported' ? 'the carrier does not support this request' : `the network ended the request (${answer.status})` };
    }

    this.log.info({ recharge: id, code: masked, outcome: classified.outcome }, 'carrier answered');
    switch (classified.outcome) {
      case 'success': {
        const { added, balance, validUntil } = classified;
        store.recharges.finish(id, {
          state: 'success', answer: text, addedCents: added?.cents ?? null, balanceCents: balance?.cents ?? null,
          currency: balance?.currency ?? added?.currency ?? null, validUntil,
        });
        if (balance || validUntil) store.balances.record(imsi, balance?.cents ?? null, balance?.currency ?? null, validUntil, 'recharge');
        const beforeMoney = before?.balance_cents != null && before.currency ? { cents: before.balance_cents, currency: before.currency } : null;
        return { kind: 'success', masked, added, balance, before: beforeMoney, validUntil };
      }
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
      default:
        // Unclassified: the code may or may not have been used, so it is never dialled again.
        store.recharges.finish(id, { state: 'unknown', answer: text });
        return { kind: 'unrecognised', masked, text };
    }
  }
}
