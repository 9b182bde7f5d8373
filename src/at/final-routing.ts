import type { FinalResult } from './final-result.js';
import type { Transaction } from './transaction.js';

/**
 * What a final result line means for the command in flight:
 * - `call-event`: a call result (NO CARRIER, BUSY, …) with no call command in flight, so it tells
 *   that a call ended, not our command's fate; it goes the URC way.
 * - `nothing-in-flight`: a late answer to a command already given up on.
 * - `before-expected`: an OK that came before the information line the command expects: the stale
 *   answer of an earlier command.
 * - `completes`: the command's own final result.
 */
export type FinalRoute = 'call-event' | 'nothing-in-flight' | 'before-expected' | 'completes';

/** Commands whose final result may be a call's (ATD dial, ATA answer, ATO back online). */
const CALL_COMMAND = /^AT[DAO]/i;

/** NO CARRIER, BUSY, NO ANSWER and NO DIALTONE end only a call command (TS 27.007 §6). */
const CALL_RESULTS: ReadonlySet<FinalResult['kind']> = new Set(['no-carrier', 'busy', 'no-answer', 'no-dialtone']);

export function routeFinal(final: FinalResult, tx: Transaction | null): FinalRoute {
  if (CALL_RESULTS.has(final.kind) && (!tx || !CALL_COMMAND.test(tx.command))) return 'call-event';
  if (!tx) return 'nothing-in-flight';
  if (final.kind === 'ok' && tx.options.expect !== undefined && !tx.sawExpected) return 'before-expected';
  return 'completes';
}
