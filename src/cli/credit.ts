import path from 'node:path';
import { Store } from '../store/store.js';
import { configFromFlags, type RunFlags } from './run.js';

/** `gsmkeeper credit reset`: clears the voucher attempt lock of every SIM (or one IMSI) in the store. */
export async function creditResetCommand(flags: Pick<RunFlags, 'config' | 'dataDir'> & { imsi?: string }): Promise<void> {
  const config = configFromFlags(flags);
  const store = Store.open(path.join(config.dataDir, 'gsmkeeper.db'));
  try {
    const imsis = flags.imsi ? [flags.imsi] : (store.db.prepare('SELECT DISTINCT imsi FROM recharges').all() as Array<{ imsi: string }>).map((r) => r.imsi);
    for (const imsi of imsis) store.recharges.resetAttempts(imsi);
    console.log(imsis.length ? `Recharge attempt lock reset for ${imsis.length} SIM(s).` : 'No recharges recorded: nothing to reset.');
  } finally {
    store.close();
  }
}
