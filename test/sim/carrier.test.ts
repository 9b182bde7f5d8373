import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/sim/simulator.js';
import { loadSimState } from '../../src/sim/state.js';
import { tmpDir } from '../helpers/tmp.js';
import path from 'node:path';

describe('simulated carrier', () => {
  it('startsWithAVivacomSimAndUnusedSeriesOfFifteenDigitVouchers', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const sim = new Simulator({ now: () => now });
    expect(sim.state.carrier).toMatchObject({ imsi: '284030000000001', balanceCents: 250, currency: 'EUR', validUntil: '2026-12-21' });
    const vouchers = sim.unusedVouchers();
    expect(vouchers).toHaveLength(15);
    expect(vouchers.every((v) => /^[1-9]\d{14}$/.test(v.pin) && v.status === 'new')).toBe(true);
    expect(vouchers[0]!.serial).toBe('101-000001');
    expect(new Set(vouchers.map((v) => v.pin)).size).toBe(15);
  });

  it('aVoucherRechargesOnceAndIsThenInvalidOrUsed', () => {
    const sim = new Simulator();
    const pin = sim.unusedVouchers()[0]!.pin;
    expect(sim.carrier.handleUssd(`*101#${pin}#`)).toMatchObject({ m: 0, text: expect.stringMatching(/zaredihte 5\.00 EUR\. Nalichnost: 7\.50 EUR/) });
    expect(sim.carrier.handleUssd(`*101#${pin}#`)).toEqual({ m: 2, text: 'Nevaliden ili veche izpolzvan kod na vaucher.' });
    expect(sim.unusedVouchers()).toHaveLength(14);
  });

  it('anExpiredVoucherIsRefusedLikeAnInvalidOne', () => {
    let now = new Date('2026-11-21T10:00:00Z');
    const sim = new Simulator({ now: () => now });
    const [card] = sim.carrier.generateSeries({ amountCents: 300, quantity: 1, series: '900', pinLength: 15, expiresOn: '2026-11-30' });
    now = new Date('2026-12-01T10:00:00Z');
    expect(sim.carrier.handleUssd(`*101#${card!.pin}#`).m).toBe(2);
    expect(sim.state.carrier.vouchers.find((v) => v.pin === card!.pin)!.status).toBe('expired');
  });

  it('blocksRechargingAfterFiveBadCodesInADayEvenForAGoodOne', () => {
    const sim = new Simulator();
    const good = sim.unusedVouchers()[0]!.pin;
    for (let i = 0; i < 4; i++) expect(sim.carrier.handleUssd(`*101#${'9'.repeat(14)}${i}#`).text).toMatch(/Nevaliden/);
    expect(sim.carrier.handleUssd('*101#999999999999999#').text).toMatch(/maksimalniyat broy/);
    expect(sim.carrier.handleUssd(`*101#${good}#`).text).toMatch(/maksimalniyat broy/);
    expect(sim.dialLog().map((d) => d.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'blocked', 'blocked']);
  });

  it('refusesAPinShorterThanFiveDigitsWhenGeneratingASeries', () => {
    expect(() => new Simulator().carrier.generateSeries({ amountCents: 100, quantity: 1, series: '1', pinLength: 4, expiresOn: '2030-01-01' })).toThrow(/at least 5/);
  });

  it('keepsItsStateInAFileAcrossRestarts', async () => {
    const file = path.join(tmpDir(), 'sim.json');
    const first = new Simulator({ stateFile: file });
    const pin = first.unusedVouchers()[0]!.pin;
    first.carrier.handleUssd(`*101#${pin}#`);
    first.sendSmsFromPhone('+359888000001', 'stored while nobody listened');
    first.close();
    expect(loadSimState(file)!.carrier.balanceCents).toBe(750);
    const second = new Simulator({ stateFile: file });
    expect(second.unusedVouchers().map((v) => v.pin)).not.toContain(pin);
    expect(second.state.storage).toHaveLength(1);
    expect(second.dialLog()).toHaveLength(1);
  });

  it('answersAnUnknownUssdCodeAsNotSupported', () => {
    expect(new Simulator().carrier.handleUssd('*999#')).toEqual({ m: 4, text: null });
  });
});
