import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { runCliWithInput, spawnCli } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const spawned = spawnCli(args);
  const code = await spawned.exited;
  return { code, out: spawned.output() };
}

describe('gsmkeeper carriers interpret', () => {
  it('printsTheReadingAsJsonWithDecimalStringsAnIsoCurrencyAndAnIsoDate', async () => {
    const { code, out } = await cli(['carriers', 'interpret', 'Top-up successful: +10.00 BGN. Balance: 22.34 BGN, valid until 01.01.2027.']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ outcome: 'success', added: '10.00', balance: '22.34', currency: 'BGN', validUntil: '2027-01-01' });
    expect(Object.keys(JSON.parse(out))).toEqual(['outcome', 'added', 'balance', 'currency', 'validUntil']);
  });

  it('readsWithACarriersProfileAndItsCurrencyWhenAsked', async () => {
    const { code, out } = await cli(['carriers', 'interpret', '--carrier', 'vivacom', '--kind', 'balance', 'Nalichnost: 3.20. Validnost do 21.12.2026.']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ outcome: 'balance', added: null, balance: '3.20', currency: 'EUR', validUntil: '2026-12-21' });
  });

  it('readsTheTextFromStdinWhenItIsADash', () => {
    const result = runCliWithInput(['carriers', 'interpret', '--kind', 'topup', '-'], 'Неверный код карты оплаты.');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ outcome: 'rejected', added: null, balance: null, currency: null, validUntil: null });
  });

  it('refusesAnUnknownCarrierWithTheKnownOnes', async () => {
    const { code, out } = await cli(['carriers', 'interpret', '--carrier', 'nosuch', 'x']);
    expect(code).toBe(2);
    expect(out).toMatch(/unknown carrier "nosuch": a1, generic, vivacom, yettel/);
  });
});

describe('gsmkeeper credit settle', () => {
  let store: Store | null = null;
  afterEach(() => store?.close());

  it('settlesAnUnknownRechargeByItsLast4DigitsAndSaysSo', async () => {
    const dataDir = tmpDir();
    store = Store.open(path.join(dataDir, 'gsmkeeper.db'));
    const id = store.recharges.begin({ line: 'main', imsi: '284030000000001', carrier: 'vivacom', codeHash: 'h', codeMasked: '***********2345', commandId: null, requestedBy: 'x' });
    store.recharges.finish(id, { state: 'unknown', answer: 'Blagodarim vi!' });
    store.close();
    store = null;

    const list = await cli(['credit', 'unknown', '--data-dir', dataDir]);
    expect(list.out).toMatch(/^1\t.*\t\*{11}2345\tcarrier: "Blagodarim vi!"$/m);
    const settled = await cli(['credit', 'settle', '2345', 'unused', '--data-dir', dataDir]);
    expect(settled).toEqual({ code: 0, out: 'Recharge 1 (card ***********2345) settled: the card was not used and may be sent again.\n' });
    const again = await cli(['credit', 'settle', '2345', 'used', '--data-dir', dataDir]);
    expect(again).toEqual({ code: 1, out: 'No recharge with an unknown outcome matches "2345".\n' });
    store = Store.open(path.join(dataDir, 'gsmkeeper.db'));
    expect(store.recharges.get(1)).toMatchObject({ state: 'failed', settled_by: 'gsmkeeper credit settle' });
  });
});
