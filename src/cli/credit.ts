import path from 'node:path';
import { settleReply } from '../control/texts.js';
import { parseSettle, settleRecharge } from '../recharge/settle.js';
import { carrierWords } from '../store/recharges.js';
import { Store } from '../store/store.js';
import { configFromFlags, type RunFlags } from './run.js';
import { UsageError } from './usage-error.js';

type StoreFlags = Pick<RunFlags, 'config' | 'dataDir'>;

function withStore<T>(flags: StoreFlags, work: (store: Store) => T): T {
  const config = configFromFlags(flags);
  const store = Store.open(path.join(config.dataDir, 'gsmkeeper.db'));
  try {
    return work(store);
  } finally {
    store.close();
  }
}

/** `gsmkeeper credit reset`: clears the voucher attempt lock of every SIM (or one IMSI) in the store. */
export async function creditResetCommand(flags: StoreFlags & { imsi?: string }): Promise<void> {
  withStore(flags, (store) => {
    const imsis = flags.imsi ? [flags.imsi] : (store.db.prepare('SELECT DISTINCT imsi FROM recharges').all() as Array<{ imsi: string }>).map((r) => r.imsi);
    for (const imsi of imsis) store.recharges.resetAttempts(imsi);
    console.log(imsis.length ? `Recharge attempt lock reset for ${imsis.length} SIM(s).` : 'No recharges recorded: nothing to reset.');
  });
}

/** `gsmkeeper credit unknown`: the recharges whose outcome an operator has to settle (id, when, line, card, what the carrier said). */
export async function creditUnknownCommand(flags: StoreFlags): Promise<void> {
  withStore(flags, (store) => {
    const rows = store.recharges.unsettled();
    if (rows.length === 0) {
      console.log('No recharge has an unknown outcome.');
      return;
    }
    for (const row of rows) {
      const said = carrierWords(row.answer);
      console.log(`${row.id}\t${row.started_at}\t${row.line ?? ''}\t${row.code_masked}\t${said ? `carrier: "${said.replace(/\s+/g, ' ')}"` : (row.answer ?? '')}`);
    }
    console.log('Settle with: gsmkeeper credit settle <id or last 4 digits> used|unused');
  });
}

/**
 * `gsmkeeper credit settle <recharge id | last 4 digits> used|unused`: an operator's word on an
 * unknown outcome (checked with the carrier). A card settled as unused may be sent again.
 * Exit code 1 when nothing was settled.
 */
export async function creditSettleCommand(ref: string, verdict: string, flags: StoreFlags): Promise<void> {
  const parsed = parseSettle([ref, verdict]);
  if (!parsed) throw new UsageError('usage: gsmkeeper credit settle <recharge id | last 4 digits> used|unused');
  withStore(flags, (store) => {
    const result = settleRecharge(store, parsed.ref, parsed.used, 'gsmkeeper credit settle');
    console.log(settleReply(result, 'en'));
    process.exitCode = result.kind === 'settled' ? 0 : 1;
  });
}
