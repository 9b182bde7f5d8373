import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { Simulator } from '../../src/sim/simulator.js';
import { api, startDaemon, TOKEN } from '../helpers/daemon.js';

describe("the simulated carrier's card issuing", () => {
  it('generatesASeriesWithTheSeedsFieldsAndListsItNewestFirst', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const sim = new Simulator({ now: () => now });
    const batch = sim.carrier.generateSeries({ amountCents: 800, quantity: 3, series: '3', pinLength: 12, reseller: 'Reseller 1', expiresOn: '2027-06-11' });
    expect(batch.map((c) => [c.serial, c.amountCents, c.currency, c.reseller, c.status, c.expiresOn, c.createdAt])).toEqual([1, 2, 3].map((n) => [`3-00000${n}`, 800, 'EUR', 'Reseller 1', 'new', '2027-06-11', '2026-11-21T10:00:00.000Z']));
    expect(batch.every((c) => /^[1-9]\d{11}$/.test(c.pin))).toBe(true);
    const list = sim.carrier.listCards({ perPage: 2 });
    expect(list).toMatchObject({ total: 18, page: 1, pages: 9, from: 1, to: 2 });
    expect(list.cards.map((c) => c.serial)).toEqual(['3-000003', '3-000002']);
    expect(sim.carrier.listCards({ series: '3', page: 2, perPage: 2 }).cards.map((c) => c.serial)).toEqual(['3-000001']);
  });

  it('anActivatedCardSaysWhenAndByWhichSimAndAnOldOneExpiresByItself', () => {
    let now = new Date('2026-11-21T10:00:00Z');
    const sim = new Simulator({ now: () => now });
    const [card] = sim.carrier.generateSeries({ amountCents: 500, quantity: 1, series: '9', pinLength: 15, expiresOn: '2026-11-30' });
    const [late] = sim.carrier.generateSeries({ amountCents: 500, quantity: 1, series: '9', pinLength: 15, expiresOn: '2026-11-25' });
    sim.carrier.handleUssd(`*101#${card!.pin}#`);
    now = new Date('2026-11-26T10:00:00Z');
    expect(sim.carrier.listCards({ series: '9' }).cards.map((c) => [c.serial, c.status, c.activatedAt, c.activatedBy ?? null])).toEqual([
      [late!.serial, 'expired', null, null],
      [card!.serial, 'activated', '2026-11-21T10:00:00.000Z', '284030000000001'],
    ]);
  });

  it.each([
    ['a PIN under 5 digits', { pinLength: 4 }, /at least 5 digits/],
    ['no cards', { quantity: 0 }, /quantity is 1 to 10000/],
    ['a series with a dash', { series: '1-2' }, /series is 1 to 12 letters or digits/],
    ['a date that is not one', { expiresOn: '11.06.2027' }, /YYYY-MM-DD/],
  ])('refuses a batch with %s', (_name, over, message) => {
    const sim = new Simulator();
    expect(() => sim.carrier.generateSeries({ amountCents: 500, quantity: 1, series: '4', pinLength: 15, expiresOn: '2027-01-01', ...over })).toThrow(message);
    expect(sim.carrier.listCards({ series: '4' }).total).toBe(0);
  });

  it('refusesMorePinsThanTheLengthLeavesRoomFor', () => {
    const sim = new Simulator();
    // 90,000 five-digit PINs exist; at most half are issued, so drawing a free one stays quick.
    for (let i = 0; i < 4; i++) sim.carrier.generateSeries({ amountCents: 100, quantity: 10_000, series: '5', pinLength: 5, expiresOn: '2027-01-01' });
    expect(() => sim.carrier.generateSeries({ amountCents: 100, quantity: 5001, series: '5', pinLength: 5, expiresOn: '2027-01-01' })).toThrow(/too many 5-digit PINs: choose a longer PIN/);
    expect(new Set(sim.carrier.listCards({ series: '5', perPage: 1000 }).cards.map((c) => c.pin)).size).toBe(1000);
    expect(sim.carrier.generateSeries({ amountCents: 100, quantity: 5000, series: '5', pinLength: 5, expiresOn: '2027-01-01' })).toHaveLength(5000);
  });

  it('theSimulatorsApiGeneratesAndListsCardsAndHandsABatchToTheWalletAsCsv', async () => {
    const running = await startDaemon();
    try {
      const { baseUrl } = running;
      const made = await api(baseUrl, 'POST', '/api/v1/sim/cards', { amount: '10.00', quantity: 5, series: '105', pinLength: 15, reseller: 'Kiosk 5', expires: '31.12.2027' });
      expect(made.status).toBe(201);
      expect(made.json.cards).toHaveLength(5);
      expect(made.json.cards[0]).toMatchObject({ status: 'new', serial: '105-000001', amount: '10.00 EUR', pin: expect.stringMatching(/^\d{15}$/), reseller: 'Kiosk 5', activated: null, expiresOn: '2027-12-31' });
      const listed = await api(baseUrl, 'GET', '/api/v1/sim/cards?series=105&perPage=2');
      expect(listed.json).toMatchObject({ total: 5, rows: 'Rows 1 – 2 of 5', pageOf: 'Page 1 of 3', cards: [{ serial: '105-000005', line: 'main' }, { serial: '105-000004', line: 'main' }] });
      const csv = await fetch(`${baseUrl}/api/v1/sim/cards?series=105&format=csv`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
      expect(parse(csv, { columns: true })).toHaveLength(5);
      const imported = await fetch(`${baseUrl}/api/v1/vouchers/import`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' }, body: csv });
      expect(imported.status).toBe(201);
      // The wallet dials one of them, and the carrier lists it activated by the box's SIM.
      expect((await api(baseUrl, 'POST', '/api/v1/vouchers/top-up')).json).toMatchObject({ outcome: 'dialled', result: { outcome: 'success', added: '10.00 EUR' } });
      expect((await api(baseUrl, 'GET', '/api/v1/sim/cards?series=105&status=activated')).json).toMatchObject({ total: 1, cards: [{ activated: { by: '284030000000001' } }] });
      expect((await api(baseUrl, 'GET', '/api/v1/vouchers?status=activated')).json).toMatchObject({ total: 1, vouchers: [{ reseller: 'Kiosk 5', dial: { by: 'wallet:asked over HTTP' } }] });
      expect(await api(baseUrl, 'POST', '/api/v1/sim/cards', { amount: '1', quantity: 1, series: '1', pinLength: 4, expires: '2027-01-01' })).toMatchObject({ status: 400, json: { error: { message: expect.stringMatching(/at least 5 digits/) } } });
    } finally {
      await running.stop();
    }
  });

  it('theApiListsEveryLinesCardsEachMarkedWithItsLineAndALineNarrowsIt', async () => {
    const running = await startDaemon({ lines: [{ name: 'main' }, { name: 'a1', carrier: 'a1' }] });
    try {
      const { baseUrl, simulators } = running;
      const issued = (line: string) => simulators.get(line)!.carrier.issued();
      const all = (await api(baseUrl, 'GET', '/api/v1/sim/cards?perPage=1000')).json;
      expect(all).toMatchObject({ total: issued('main').length + issued('a1').length, page: 1, pages: 1 });
      const byLine = (cards: Array<{ line: string; pin: string }>, line: string) => cards.filter((c) => c.line === line).map((c) => c.pin).sort();
      expect(byLine(all.cards, 'main')).toEqual(issued('main').map((c) => c.pin).sort());
      expect(byLine(all.cards, 'a1')).toEqual(issued('a1').map((c) => c.pin).sort());
      expect(byLine(all.cards, 'a1').every((pin) => pin.length === 14)).toBe(true);

      // A series generated on a1 is a1's: first in the list, alone under its series, and its CSV says its carrier.
      const made = await api(baseUrl, 'POST', '/api/v1/sim/cards', { amount: '10.00', quantity: 3, series: '7', pinLength: 14, expires: '2027-12-31', line: 'a1' });
      expect(made).toMatchObject({ status: 201, json: { cards: [{ serial: '7-000001', line: 'a1' }, { line: 'a1' }, { line: 'a1' }] } });
      expect((await api(baseUrl, 'POST', '/api/v1/sim/cards', { amount: '5.00', quantity: 1, series: '8', pinLength: 15, expires: '2027-12-31' })).json.cards[0].line).toBe('main');
      expect((await api(baseUrl, 'GET', '/api/v1/sim/cards?perPage=4')).json.cards.map((c: { serial: string; line: string }) => [c.serial, c.line])).toEqual([
        ['8-000001', 'main'], ['7-000003', 'a1'], ['7-000002', 'a1'], ['7-000001', 'a1'],
      ]);
      const a1 = (await api(baseUrl, 'GET', '/api/v1/sim/cards?line=a1&perPage=1000')).json;
      expect(a1.total).toBe(issued('a1').length);
      expect(a1.cards.every((c: { line: string }) => c.line === 'a1')).toBe(true);
      const csv = await fetch(`${baseUrl}/api/v1/sim/cards?format=csv`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
      const rows = parse(csv, { columns: true }) as Array<{ serial: string; carrier: string }>;
      expect(new Set(rows.map((r) => r.carrier))).toEqual(new Set(['vivacom', 'a1']));
      expect(rows.filter((r) => r.serial.startsWith('7-')).map((r) => r.carrier)).toEqual(['a1', 'a1', 'a1']);
      expect((await api(baseUrl, 'GET', '/api/v1/sim/cards?line=kitchen')).status).toBe(404);
    } finally {
      await running.stop();
    }
  });
});
