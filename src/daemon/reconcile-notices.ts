import type { CarrierProfile } from '../carriers/profile.js';
import { reconcileReply, type Language, type ReconcileNotice } from '../control/texts.js';
import { inReplyScript } from '../control/transliterate.js';
import type { Logger } from '../log/logger.js';
import { reconcileUnknown } from '../recharge/reconcile.js';
import type { BalanceDialer } from '../recharge/balance.js';
import type { Store } from '../store/store.js';
import type { CommandRow } from '../store/commands.js';
import { INTERRUPTED, type RechargeRow } from '../store/recharges.js';
import { CHANNELS } from '../store/channel.js';
import { parseCommandText } from '../control/grammar.js';
import { senderLanguage } from './control-context.js';
import type { RuntimeSettings } from './settings.js';

/** The line a notice goes out on, and its country code. */
export interface NoticeRoute {
  line: string;
  countryCode: string | null;
}

/** How requesters are spoken to: the box's language, each phone's own (LANG), the script of texted Bulgarian. */
export type NoticeSettings = Pick<RuntimeSettings, 'language' | 'languageOf' | 'bulgarianScript'>;

/**
 * After a restart, for recharges a crash stopped before their code was sent: the card was not used,
 * and each requester is told so. The notice of an interrupted command is its answer (committed with
 * its reply SMS), so the command is not run again and its requester hears once.
 */
export function tellReleased(store: Store, released: RechargeRow[], settings: NoticeSettings, logger: Logger, routeOf: (row: RechargeRow) => NoticeRoute): void {
  for (const row of released) {
    logger.warn({ recharge: row.id, code: row.code_masked }, 'recharge interrupted before its code was sent: card released');
    tell(store, row, { kind: 'released', masked: row.code_masked }, settings, routeOf(row));
  }
}

/**
 * A line's recharges whose outcome is unknown, settled by a balance check of its SIM, and each
 * requester told how theirs ended (someone already told the outcome was unclear hears again only
 * when the balance settled it).
 */
export async function reconcileOnLine(
  store: Store,
  dialer: BalanceDialer,
  sim: { imsi: string; profile: CarrierProfile; balanceUssd: string | null },
  settings: NoticeSettings,
  logger: Logger,
  route: NoticeRoute,
): Promise<number> {
  const results = await reconcileUnknown(store, dialer, sim.imsi, sim.profile, sim.balanceUssd, logger, route.line);
  for (const result of results) {
    const { row } = result;
    const interrupted = row.answer === INTERRUPTED;
    if (result.kind === 'undetermined') store.recharges.markReconcileAttempted(row.id);
    logger.warn({ recharge: row.id, code: row.code_masked, outcome: result.kind }, 'recharge with an unknown outcome reconciled');
    if (result.kind === 'undetermined' && !interrupted) continue;
    const notice: ReconcileNotice =
      result.kind === 'applied'
        ? { kind: 'applied', masked: row.code_masked, interrupted, before: result.before, after: result.after }
        : result.kind === 'not-applied'
          ? { kind: 'not-applied', masked: row.code_masked, interrupted, balance: result.balance }
          : { kind: 'undetermined', masked: row.code_masked, interrupted, id: row.id, reason: result.reason };
    tell(store, row, notice, settings, route);
  }
  return results.length;
}

/**
 * The requester hears: as the interrupted command's answer, or as a new reply to its number —
 * worded as that command's answer was, in the language it asked for, else its sender's.
 */
function tell(store: Store, row: RechargeRow, notice: ReconcileNotice, settings: NoticeSettings, route: NoticeRoute): void {
  const command = row.command_id ? store.commands.get(row.command_id) : undefined;
  if (!command) return;
  const lang: Language = command.lang ?? senderLanguage(settings, command.sender, route.countryCode);
  const text = inReplyScript(reconcileReply(notice, lang), settings.bulgarianScript);
  if (command.state !== 'answered' && command.state !== 'dropped') {
    const replyTo = interruptedReplyTo(command, store.commands.runnableText(command) ?? '');
    store.commands.answer(command.id, text, replyTo ? { ...route, recipient: replyTo, text } : null);
  } else if (command.reply_to) {
    store.outbox.enqueue({ ...route, recipient: command.reply_to, text, commandId: command.id });
  }
}

/** Where the interrupted command's reply goes: PH if it had one, else the SMS sender. */
function interruptedReplyTo(command: CommandRow, text: string): string | null {
  const ph = parseCommandText(text);
  if (ph.ok && ph.command.replyTo) return ph.command.replyTo;
  return CHANNELS[command.channel].answersInResponse ? null : command.sender;
}
