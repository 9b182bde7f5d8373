import { formatDay, formatMoney } from '../carriers/money.js';
import type { RechargeResult } from '../recharge/result.js';
import { serviceOutcomeKind, type SourceOutcome } from '../wallet/recharge-sources.js';
import type { BalanceReport } from './context.js';
import { balanceReply, rechargeReply, say, type Language } from './texts.js';

/** The one answer for a coupon or card that is invalid or already used: which of the two is not told. */
export function invalidOrUsed(lang: Language): string {
  return say(lang, 'The coupon is invalid or already used.', 'Купонът е невалиден или вече е използван.');
}

/**
 * What the recharge service says, as the seed's IVR does — the balance before, the amount, the new
 * balance and its validity, or one message for a coupon that is invalid or already used; anything
 * else as CREDIT would say it. The HTTP service and the recharge dialogue both answer with it.
 */
export function serviceMessage(outcome: SourceOutcome, lang: Language): string {
  if (outcome.kind === 'success') {
    const parts = [
      outcome.before ? say(lang, `Balance before: ${formatMoney(outcome.before)}.`, `Наличност преди: ${formatMoney(outcome.before)}.`) : null,
      outcome.added ? say(lang, `Recharged: ${formatMoney(outcome.added)}.`, `Заредени: ${formatMoney(outcome.added)}.`) : say(lang, 'Recharged.', 'Заредено.'),
      outcome.balance
        ? say(lang, 'New balance: ', 'Нова наличност: ') + formatMoney(outcome.balance) + (outcome.validUntil ? say(lang, ', valid until ', ', валидност до ') + formatDay(outcome.validUntil) : '') + '.'
        : null,
    ];
    return parts.filter(Boolean).join(' ');
  }
  if (serviceOutcomeKind(outcome) === 'invalid-or-used') return invalidOrUsed(lang);
  return rechargeReply(outcome as RechargeResult, lang);
}

/**
 * The recharge dialogue's first SMS, after the box hung up on a caller: the line's balance, and
 * what to reply within the session's minutes. Fits one GSM 7-bit SMS.
 */
export function dialoguePrompt(report: BalanceReport, minutes: number, lang: Language): string {
  return `${balanceReply(report, lang)} ${say(
    lang,
    `To recharge, reply within ${minutes} min with the coupon number and PIN, or the voucher code.`,
    `За зареждане отговорете до ${minutes} мин с номера и PIN на купона или с кода на ваучера.`,
  )}`;
}
