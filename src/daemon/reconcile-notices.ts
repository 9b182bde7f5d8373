import type { CarrierProfile } from '../carriers/profile.js';
import { reconcileReply, type Language } from '../control/texts.js';
import type { Logger } from '../log/logger.js';
import { reconcileUnknown } from '../recharge/reconcile.js';
import type { BalanceDialer } from '../recharge/balance.js';
import type { Store } from '../store/store.js';
import type { CommandRow } from '../store/commands.js';
import { parseCommandText } from '../control/grammar.js';

/**
 * After a restart: settle recharges the crash interrupted by a balance check, and tell each
 * requester how theirs ended. The notice is the interrupted command's answer (committed with its
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
): Promise<number> {
  const results = await reconcileUnknown(store, dialer, imsi, profile, balanceUssd, logger);
  for (const result of results) {
    const masked = result.row.code_masked;
    if (result.kind === 'undetermined') store.recharges.markReconcileAttempted(result.row.id);
    const command = result.row.command_id ? store.commands.get(result.row.command_id) : undefined;
    logger.warn({ recharge: result.row.id, code: masked, outcome: result.kind }, 'interrupted recharge reconciled');
    const text =
      result.kind === 'applied'
        ? reconcileReply({ kind: 'applied', masked, before: result.before, after: result.after }, lang)
        : result.kind === 'not-applied'
          ? reconcileReply({ kind: 'not-applied', masked, balance: result.balance }, lang)
          : reconcileReply({ kind: 'undetermined', masked, reason: result.reason }, lang);
    if (command && command.state !== 'answered' && command.state !== 'dropped') {
      const replyTo = interruptedReplyTo(command, store.commands.runnableText(command) ?? '');
      store.commands.answer(command.id, text, replyTo ? { recipient: replyTo, text } : null);
    } else if (command?.reply_to) {
      store.outbox.enqueue(command.reply_to, text, command.id);
    }
  }
  return results.length;
}

/** Where the interrupted command's reply goes: PH if it had one, else the SMS sender. */
function interruptedReplyTo(command: CommandRow, text: string): string | null {
  const ph = parseCommandText(text);
  if (ph.ok && ph.command.replyTo) return ph.command.replyTo;
  return command.source === 'sms' ? command.sender : null;
}
