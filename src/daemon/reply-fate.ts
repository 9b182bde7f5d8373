import { CHANNELS } from '../store/channel.js';
import type { CommandFilter, CommandRow } from '../store/commands.js';
import type { ReplyStatus } from '../store/reply-status.js';
import type { OutboxRow, SendLimit } from '../store/outbox.js';
import type { Store } from '../store/store.js';

/**
 * What became of a command's reply, as the message log shows it:
 * - `waiting`: the command is not answered yet;
 * - `not-sent`: no SMS by design (a dropped command is never answered; a control or config
 *   command that worked answers only when `PH` asks for it);
 * - `http-only`: the answer went back in the HTTP response, no SMS was asked for (`in-response`:
 *   likewise on another channel that answers in its response, MQTT's reply topic);
 * - `pending` (not tried yet), `retrying` (a try failed, another follows), `sending`;
 * - `sent` (the network took it), `delivered` (a status report said so);
 * - `uncertain` (the modem took it but never confirmed; not resent), `failed` (given up, or the
 *   network reported it undeliverable);
 * - `refused`: a limit kept it from going out at all (`limit` says which).
 */
export type { ReplyStatus } from '../store/reply-status.js';

export interface ReplyFate {
  status: ReplyStatus;
  /** Why, where there is one: the last error, the limit, the design rule. */
  reason: string | null;
  /** The limit that refused it (status `refused`). */
  limit: SendLimit | null;
  /** Send attempts so far. */
  attempts: number;
  /** When it left, was reported on, or is tried next. */
  at: string | null;
  /** The fate in a few words, for people. */
  summary: string;
}

const LIMIT_WORDS: Record<SendLimit, string> = {
  'daily-cap': 'the daily SMS cap',
  'non-group-hourly': 'the hourly limit for a number in no group',
};

function fate(status: ReplyStatus, summary: string, fields: Partial<Omit<ReplyFate, 'status' | 'summary'>> = {}): ReplyFate {
  return { status, reason: null, limit: null, attempts: 0, at: null, ...fields, summary };
}

/** The fate of one command's reply, from the command and its outbox row (if it queued an SMS). */
export function replyFate(command: Pick<CommandRow, 'channel' | 'state' | 'reply_to'>, sms: OutboxRow | undefined): ReplyFate {
  if (command.state === 'received' || command.state === 'executing') return fate('waiting', 'not answered yet');
  if (command.state === 'dropped') return fate('not-sent', 'never answered (dropped)', { reason: 'a dropped command is never answered' });
  if (!command.reply_to) {
    const channel = CHANNELS[command.channel];
    return channel.answersInResponse
      ? fate(command.channel === 'http' ? 'http-only' : 'in-response', `answered in ${channel.responseWords}`)
      : fate('not-sent', 'no SMS, by design', { reason: 'a control or config command that worked answers only when PH asks' });
  }
  if (!sms) return fate('not-sent', 'no record of the SMS kept', { reason: 'its outbox record was pruned' });
  const { attempts } = sms;
  switch (sms.state) {
    case 'pending':
      return attempts === 0
        ? fate('pending', 'waiting to be sent', { at: sms.next_attempt_at })
        : fate('retrying', `retrying after ${attempts} failed attempt(s): ${sms.last_error ?? 'error'}`, { reason: sms.last_error, attempts, at: sms.next_attempt_at });
    case 'sending':
      return fate('sending', 'being sent', { attempts, at: sms.sent_at });
    case 'uncertain':
      return fate('uncertain', `may have been sent, not resent: ${sms.last_error ?? 'no confirmation'}`, { reason: sms.last_error, attempts, at: sms.sent_at });
    case 'failed':
      if (sms.refused_by) {
        const words = LIMIT_WORDS[sms.refused_by];
        return fate('refused', `not sent: refused by ${words}`, { reason: words, limit: sms.refused_by });
      }
      return fate('failed', `failed after ${attempts} attempt(s): ${sms.last_error ?? 'error'}`, { reason: sms.last_error, attempts });
    case 'sent':
      if (sms.delivery === 'delivered') return fate('delivered', 'delivered', { attempts, at: sms.delivery_at });
      if (sms.delivery === 'failed') {
        const why = sms.last_error ?? 'the network reported it undeliverable';
        return fate('failed', `sent, but the network could not deliver it: ${why}`, { reason: why, attempts, at: sms.delivery_at });
      }
      return fate('sent', 'sent', { attempts, at: sms.sent_at });
  }
}

/** The message log narrowed: exact line, channel and sender in the store's query, the replies' fates after. */
export interface MessageFilter extends CommandFilter {
  fates?: readonly ReplyStatus[] | undefined;
}

/** How far back a search by fate looks: the newest this many commands that match the other filters. */
export const FATE_SEARCH_DEPTH = 2000;

/**
 * The newest commands with their replies' fates: the message log of the panel and the API. A fate
 * is known only once the command's outbox row is read, so a search by fate reads at most
 * FATE_SEARCH_DEPTH commands and keeps the newest `limit` whose reply had one of those fates.
 */
export function messageLog(store: Store, limit: number, filter: MessageFilter = {}): Array<Record<string, unknown>> {
  const { fates, ...narrowed } = filter;
  const commands = store.commands.recent(fates ? FATE_SEARCH_DEPTH : limit, narrowed);
  const replies = new Map(store.outbox.ofCommands(commands.map((c) => c.id)).map((row) => [row.command_id, row]));
  const log = commands.map((row) => ({
    id: row.id, at: row.created_at, channel: row.channel, source: row.channel, line: row.line, sender: row.sender, text: row.text, command: row.name,
    state: row.state, reply: row.reply, replyTo: row.reply_to, dropReason: row.drop_reason, replyFate: replyFate(row, replies.get(row.id)),
  }));
  return fates ? log.filter((entry) => fates.includes(entry.replyFate.status)).slice(0, limit) : log;
}
