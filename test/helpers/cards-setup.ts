import path from 'node:path';
import { silentLogger } from '../../src/log/logger.js';
import { hashCode, maskCode } from '../../src/recharge/code.js';
import type { RechargeState } from '../../src/store/recharges.js';
import { Store } from '../../src/store/store.js';
import { Wallet, type NewVoucher } from '../../src/wallet/wallet.js';
import { carriers, IMSI, SECRET } from './recharge-setup.js';
import { tmpDir } from './tmp.js';

/** A 15-digit Vivacom PIN, different for every n. */
export const pinOf = (n: number): string => String(300000000000000 + n * 7919);

/** A wallet over a fresh SQLite file (the SIM on Vivacom), nothing dialled from it; `today` can move. */
export function walletOnFile(options: { file?: string; secret?: string } = {}) {
  const file = options.file ?? path.join(tmpDir(), 'gsmkeeper.db');
  const store = Store.open(file);
  let today = '2026-11-30';
  const wallet = new Wallet({
    store, secret: options.secret ?? SECRET, carriers, logger: silentLogger(), today: () => today,
    sims: () => [{ line: 'main', profile: carriers.forImsi(IMSI) }], recharge: null,
  });
  /** A recharge of this PIN as the recharge service records it, finished in `state` at `at`. */
  const dial = (pin: string, state: Exclude<RechargeState, 'dialling'> | 'dialling', by: string, at = '2026-11-20T10:00:00.000Z', line = 'main'): void => {
    const id = store.recharges.begin({ line, imsi: IMSI, carrier: 'vivacom', codeHash: hashCode(SECRET, pin), codeMasked: maskCode(pin), commandId: null, requestedBy: by });
    if (state !== 'dialling') store.recharges.finish(id, { state, answer: 'scripted' });
    store.db.prepare('UPDATE recharges SET started_at = ?, finished_at = CASE WHEN finished_at IS NULL THEN NULL ELSE ? END WHERE id = ?').run(at, at, id);
  };
  return { file, store, wallet, dial, setToday: (day: string) => (today = day) };
}

/**
 * `count` cards in one batch: serials 101-1… (every tenth in series 7), amounts 5/10/20, resellers
 * A/B/C in turn, expiry spread over 2027, every fifth for A1 (14 digits).
 */
export function manyCards(count: number, from = 1): Array<{ line: number; card: NewVoucher }> {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const a1 = n % 5 === 0;
    return {
      line: i + 1,
      card: {
        pin: a1 ? pinOf(n).slice(1) : pinOf(n),
        serial: `${n % 10 === 0 ? '7' : '101'}-${n}`,
        amount: ['5.00', '10.00', '20.00'][n % 3]!,
        currency: 'EUR',
        reseller: ['Reseller A', 'Reseller B', 'Reseller C'][n % 3 === 0 ? 0 : n % 3 === 1 ? 1 : 2]!,
        expires: `2027-${String((n % 12) + 1).padStart(2, '0')}-15`,
        carrier: a1 ? 'a1' : 'vivacom',
      },
    };
  });
}
