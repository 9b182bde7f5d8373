import { formatMoney } from '../carriers/money.js';
import { maskSecrets } from '../log/secrets.js';
import type { BalanceReport } from '../control/context.js';
import { rechargeJson } from '../control/recharge-answer.js';
import type { RechargeResult } from '../recharge/result.js';
import type { ErrorCode, Request } from './commands.js';
import type { BoxPort } from './port.js';

/** What a request came to: an answer's body, or nothing at all (a wrong password is not answered). */
export type Outcome = { body: Record<string, unknown> } | { silent: string };

/** An error answer; its message passes the code mask, as a log line does (an error may quote what it was given). */
export const errorBody = (code: ErrorCode, message: string): Record<string, unknown> => ({ ok: false, error: code, message: maskSecrets(message) });

function balanceBody(report: BalanceReport): Record<string, unknown> {
  if (report.kind === 'unknown') return { kind: 'unknown', why: report.why };
  const amount = report.cents === null ? null : formatMoney({ cents: report.cents, currency: report.currency ?? '' }).trim();
  return { kind: report.kind, balance: amount, validUntil: report.validUntil, ...(report.kind === 'last-known' ? { checkedAt: report.checkedAt, why: report.why } : {}) };
}

/**
 * A recharge's outcome as an answer's data, worded in the language the request named, else the
 * box's; Bulgarian in Cyrillic, since an answer is read where it arrives and never texted.
 */
const rechargeAnswer = (port: BoxPort, request: { lang: 'en' | 'bg' | null }, result: RechargeResult): Record<string, unknown> =>
  rechargeJson(result, request.lang ?? port.language(), 'cyrillic');

/**
 * Runs one checked request against the box on the `mqtt` channel. A command text goes through
 * the SMS pipeline (its password, its guard, its log); a wrong password or a sender locked out
 * is dropped in silence as by SMS; everything else is answered.
 */
export async function execute(port: BoxPort, line: string, request: Request, options: { trusted: boolean; requestId: string }): Promise<Outcome> {
  switch (request.kind) {
    case 'text': {
      const outcome = await port.runCommand(line, request.text, { trusted: options.trusted, idempotencyKey: `mqtt:${options.requestId}`, lang: request.lang });
      if (outcome.kind === 'answered') return { body: { ok: true, command: outcome.name, reply: outcome.reply, smsTo: outcome.smsTo } };
      if (outcome.reason === 'no-star' || outcome.reason === 'no-password') return { body: errorBody('not_a_command', 'expected *<password> [PH <phone>] <COMMAND> [params]') };
      return { silent: outcome.reason };
    }
    case 'recharge':
      return { body: { ok: true, ...rechargeAnswer(port, request, await port.recharge(line, request.code, `mqtt:${options.requestId}`)) } };
    case 'check-balance':
      return { body: { ok: true, ...balanceBody(await port.checkBalance(line)) } };
    case 'send-sms': {
      const { outboxIds } = await port.sendSms(line, request.to, request.text);
      return { body: { ok: true, queued: outboxIds.length, to: request.to ?? 'notify group' } };
    }
    case 'top-up': {
      const outcome = await port.topUp(line);
      if (outcome.kind !== 'dialled') return { body: { ok: true, outcome: outcome.kind } };
      return { body: { ok: true, outcome: 'dialled', cardsLeft: outcome.left, recharge: rechargeAnswer(port, request, outcome.result) } };
    }
    case 'restart-modem':
      await port.restartModem(line);
      return { body: { ok: true } };
  }
}
