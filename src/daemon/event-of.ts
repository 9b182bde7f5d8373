import type { RechargeRequest } from '../recharge/service.js';
import type { RechargeResult } from '../recharge/result.js';
import type { CommandRow } from '../store/commands.js';
import { eventTime, type CommandAnsweredEvent, type RechargeFinishedEvent } from '../events/box-events.js';
import type { RunOutcome } from './runner.js';

/** A finished command as its event tells it. */
export function commandAnswered(row: CommandRow, outcome: RunOutcome): CommandAnsweredEvent {
  const answered = outcome.kind === 'answered' ? outcome : null;
  return {
    line: row.line, commandId: row.id, channel: row.channel, sender: row.sender, name: answered?.name ?? null,
    outcome: outcome.kind, reason: outcome.kind === 'dropped' ? outcome.reason : null, reply: answered?.reply ?? null, replyTo: answered?.smsTo ?? null, at: eventTime(),
  };
}

/** A recharge's end as its event tells it: the card by its last 4 digits, the figures of a success. */
export function rechargeFinished(line: string, request: RechargeRequest, result: RechargeResult): RechargeFinishedEvent {
  const success = result.kind === 'success' ? result : null;
  return {
    line, outcome: result.kind, card: 'masked' in result ? result.masked : null, requestedBy: request.requestedBy,
    added: success?.added ?? null, balance: success?.balance ?? null, validUntil: success?.validUntil ?? null, at: eventTime(),
  };
}
