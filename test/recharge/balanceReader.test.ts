import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BalanceReader, type BalanceCheck } from '../../src/recharge/balance.js';
import { Store } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';

const IMSI = '284030000000001';
let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

/** A reader over a fresh store whose "carrier" answers after `release()`, counting the reads. */
function setup() {
  store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
  const s = store;
  const reads: string[] = [];
  let release: () => void = () => {};
  const reader = new BalanceReader(
    (source) => {
      reads.push(source);
      return new Promise<BalanceCheck>((resolve) => {
        release = () => {
          s.balances.record(IMSI, 250, 'EUR', '2027-01-01', source);
          resolve({ kind: 'checked', balance: { cents: 250, currency: 'EUR' }, validUntil: '2027-01-01', text: 'Nalichnost: 2.50 EUR' });
        };
      });
    },
    s,
    () => IMSI,
  );
  return { reader, reads, release: () => release(), store: s };
}

describe('the shared balance reader', () => {
  it('aReadAskedForWhileOneIsUnderWaySharesIt', async () => {
    const { reader, reads, release } = setup();
    const a = reader.now('startup');
    const b = reader.now('query');
    release();
    expect(await a).toEqual(await b);
    expect(reads).toEqual(['startup']);
  });

  it('aReadJustMadeAnswersTheNextRequestWithoutDialling', async () => {
    const { reader, reads, release } = setup();
    const first = reader.now('startup');
    release();
    await first;
    await expect(reader.now('query')).resolves.toMatchObject({ kind: 'checked', balance: { cents: 250, currency: 'EUR' }, validUntil: '2027-01-01' });
    expect(reads).toEqual(['startup']);
  });

  it('aRechargeSinceTheLastReadMakesTheNextOneDial', async () => {
    const { reader, reads, release, store } = setup();
    const first = reader.now('startup');
    release();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 5));
    store.recharges.begin({ line: 'main', imsi: IMSI, carrier: 'vivacom', codeHash: 'h', codeMasked: '***********2345', commandId: null, requestedBy: 'test' });
    const second = reader.now('after-recharge');
    release();
    await second;
    expect(reads).toEqual(['startup', 'after-recharge']);
  });
});
