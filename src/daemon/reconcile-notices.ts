import type { CarrierProfile } from '../carriers/profile.js';
import { reconcileReply, type Language, type ReconcileNotice } from '../control/texts.js';
import type { Logger } from '../log/logger.js';
import { reconcileUnknown } from '../recharge/reconcile.js';
import type { BalanceDialer } from '../recharge/balance.js';
import type { Store } from '../store/store.js';
import type { CommandRow } from '../store/commands.js';
import { CHANNELS } from '../store/channel.js';
import { INTERRUPTED, type RechargeRow } from '../store/recharges.js';
import { parseCommandText } from '../control/grammar.js';

/**
 * After a restart: settle recharges whose outcome is unknown by a balance check, and tell each
 * requester how theirs ended — also those a crash stopped before the code was sent (`released`:
 * the card was not used). The notice of an interrupted command is its answer (committed with its
 * reply SMS), so the command is not run again and its requester hears once.
 */
export async function reconcileAndNotify(
  store: Store,
  dialer: BalanceDialer,
  imsi: string,
  profile: CarrierProfile,
  balanceUssd: string | null,
  lang: Language,
  logger: Logger,
  released: RechargeRow[] = [],
): Promise<number> {
  for (const row of released) {
    logger.warn({ recharge: row.id, code: row.code_masked }, 'recharge interrupted before its code was sent: card released');
    tell(store, row, reconcileReply({ kind: 'released', masked: row.code_masked }, lang));
  }
  const results = await reconcileUnknown(store, dialer, imsi, profile, balanceUssd, logger);
  for (const result of results) {
    const { row } = result;
    const interrupted = row.answer === INTERRUPTED;
    if (result.kind === 'undetermined') store.recharges.markReconcileAttempted(row.id);
    logger.warn({ recharge: row.id, code: row.code_masked, outcome: result.kind }, 'recharge with an unknown outcome reconciled');
    // Someone already told the outcome was unclear hears again only when the balance settled it.
    if (result.kind === 'undetermined' && !interrupted) continue;
    const notice: ReconcileNotice =
      result.kind === 'applied'
        ? { kind: 'applied', masked: row.code_masked, interrupted, before: result.before, after: result.after }
        : result.kind === 'not-applied'
          ? { kind: 'not-applied', masked: row.code_masked, interrupted, balance: result.balance }
          : { kind: 'undetermined', masked: row.code_masked, interrupted, id: row.id, reason: result.reason };
    tell(store, row, reconcileReply(notice, lang));
  }
  return released.length + results.length;
}

/** The requester hears: as the interrupted command's answer, or as a new reply to its number. */
function tell(store: Store, row: RechargeRow, text: string): void {
  const command = row.command_id ? store.commands.get(row.command_id) : undefined;
  if (command && command.state !== 'answered' && command.state !== 'dropped') {
    const replyTo = interruptedReplyTo(command, store.commands.runnableText(command) ?? '');
    store.commands.answer(command.id, text, replyTo ? { recipient: replyTo, text } : null);
  } else if (command?.reply_to) {
    store.outbox.enqueue(command.reply_to, text, command.id);
  }
}

/** Where the interrupted command's reply goes: PH if it had one, else the SMS sender. */
function interruptedReplyTo(command: CommandRow, text: string): string | null {
  const ph = parseCommandText(text);
  if (ph.ok && ph.command.replyTo) return ph.command.replyTo;
  return CHANNELS[command.channel].answersInResponse ? null : command.sender;
}
