import type { CarrierProfile } from '../carriers/profile.js';
import { reconcileReply, type Language } from '../control/texts.js';
import type { Logger } from '../log/logger.js';
import { reconcileUnknown } from '../recharge/reconcile.js';
import type { UssdDialer } from '../recharge/service.js';
import type { Store } from '../store/store.js';

/**
 * After a restart: settle recharges the crash interrupted by a balance check, and tell each
 * requester how theirs ended (by SMS to the number the reply would have gone to).
 */
export async function reconcileAndNotify(
  store: Store,
  dialer: UssdDialer,
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
    const recipient = command?.reply_to ?? (command?.source === 'sms' ? command.sender : null);
    logger.warn({ recharge: result.row.id, code: masked, outcome: result.kind }, 'interrupted recharge reconciled');
    if (!recipient) continue;
    const text =
      result.kind === 'applied'
        ? reconcileReply({ kind: 'applied', masked, before: result.before, after: result.after }, lang)
        : result.kind === 'not-applied'
          ? reconcileReply({ kind: 'not-applied', masked, balance: result.balance }, lang)
          : reconcileReply({ kind: 'undetermined', masked, reason: result.reason }, lang);
    store.outbox.enqueue(recipient, text, command?.id ?? null);
  }
  return results.length;
}
