import { describe, expect, it, vi } from 'vitest';
import { serialKey } from '../../src/store/cards.js';
import { Sealer } from '../../src/store/seal.js';
import { manyCards, pinOf, walletOnFile } from '../helpers/cards-setup.js';

const COUNT = 3000;

/** Thousands of cards on a real SQLite file, some of them dialled. */
function bigWallet() {
  const setup = walletOnFile();
  setup.wallet.addAll(manyCards(COUNT));
  // Cards 1–30 activated (by a phone, then over HTTP), 31–35 rejected, 36 of unknown outcome, 37 being dialled.
  for (let n = 1; n <= 30; n++) setup.dial(pinOf(n).slice(n % 5 === 0 ? 1 : 0), 'success', n <= 15 ? '+359888123456' : 'http:10.0.0.7', `2026-11-${String(n % 28 + 1).padStart(2, '0')}T09:00:00.000Z`);
  for (let n = 31; n <= 35; n++) setup.dial(pinOf(n).slice(n % 5 === 0 ? 1 : 0), 'rejected', 'wallet:low balance');
  setup.dial(pinOf(36), 'unknown', '+359888123456');
  setup.dial(pinOf(37), 'dialling', '+359888123456');
  return setup;
}

describe('cards as a billing system keeps them, on a real SQLite file', () => {
  const big = bigWallet();
  const { wallet } = big;

  it('pagesThousandsOfCardsWithTheRowsAndPageSummaries', () => {
    const first = wallet.search({});
    expect(first).toMatchObject({ total: COUNT, page: 1, pages: 150, perPage: 20, from: 1, to: 20 });
    expect(first.cards).toHaveLength(20);
    const last = wallet.search({ page: '150' });
    expect(last).toMatchObject({ from: 2981, to: 3000, page: 150 });
    // A page past the end shows the last one.
    expect(wallet.search({ page: '999', perPage: '500' })).toMatchObject({ page: 6, pages: 6, from: 2501, to: 3000 });
    const seen = new Set<number>();
    for (let page = 1; page <= 6; page++) for (const card of wallet.search({ page: String(page), perPage: '500' }).cards) seen.add(card.id);
    expect(seen.size).toBe(COUNT);
  });

  it('derivesEachStatusFromTheRecharges', () => {
    const count = (status: string) => wallet.search({ status }).total;
    expect([count('activated'), count('rejected'), count('unknown'), count('dialling'), count('new'), count('expired')]).toEqual([30, 5, 1, 1, COUNT - 37, 0]);
    expect(wallet.search({ status: 'rejected,unknown' }).total).toBe(6);
    const activated = wallet.search({ status: 'activated', serial: '101-1' }).cards[0]!;
    expect(activated).toMatchObject({ serial: '101-1', status: 'activated', activatedAt: '2026-11-02T09:00:00.000Z', dial: { by: '+359888123456', line: 'main' } });
    expect(wallet.search({ status: 'rejected' }).cards.every((c) => c.activatedAt === null && c.dial?.by === 'wallet:low balance')).toBe(true);
  });

  it('aCardPastItsDateTurnsExpiredByItself', () => {
    const before = wallet.search({ status: 'expired' }).total;
    big.setToday('2027-03-01');
    try {
      const expired = wallet.search({ status: 'expired', perPage: '500' });
      // Never-dialled cards that expired on 15 January or 15 February 2027.
      expect(expired.total).toBeGreaterThan(0);
      expect(expired.cards.every((c) => c.expiresOn! < '2027-03-01' && c.dial === null)).toBe(true);
      expect(before).toBe(0);
      // A dialled card keeps what it became.
      expect(wallet.search({ status: 'activated' }).total).toBe(30);
    } finally {
      big.setToday('2026-11-30');
    }
  });

  it('findsBySerialExactlyAndByARangeInNumericOrder', () => {
    expect(wallet.search({ serial: '101-9' }).cards.map((c) => c.serial)).toEqual(['101-9']);
    // 101-9 … 101-12: numeric order, so 101-10 (series 7 has the tens) and 101-100 are not in it.
    expect(wallet.search({ serialFrom: '101-9', serialTo: '101-12', sort: 'serial' }).cards.map((c) => c.serial)).toEqual(['101-9', '101-11', '101-12']);
    expect(wallet.search({ serialFrom: '7-10', serialTo: '7-50', sort: 'serial', perPage: '10' }).cards.map((c) => c.serial)).toEqual(['7-10', '7-20', '7-30', '7-40', '7-50']);
    expect(serialKey('101-9') < serialKey('101-10')).toBe(true);
    expect(serialKey('9-1') < serialKey('101-1')).toBe(true);
  });

  it('findsAPinByItsKeyedHashWithoutOpeningAnyCard', () => {
    const open = vi.spyOn(Sealer.prototype, 'open');
    try {
      expect(wallet.search({ pin: pinOf(1234) }).cards.map((c) => c.serial)).toEqual(['101-1234']);
      expect(wallet.search({ pin: pinOf(99999) }).total).toBe(0);
      expect(open).not.toHaveBeenCalled();
    } finally {
      open.mockRestore();
    }
  });

  it('filtersByResellerCarrierAmountExpiryClientAndActivationDate', () => {
    const all = (query: Record<string, string>) => wallet.search({ ...query, perPage: '500' });
    expect(all({ reseller: 'Reseller B' }).total).toBe(1000);
    expect(all({ reseller: 'Reseller B' }).cards.every((c) => c.reseller === 'Reseller B')).toBe(true);
    expect(all({ carrier: 'a1' }).total).toBe(600);
    expect(all({ amountFrom: '10', amountTo: '10.00' }).cards.every((c) => c.amountCents === 1000)).toBe(true);
    expect(all({ amountFrom: '10', amountTo: '10.00' }).total).toBe(1000);
    expect(all({ expiresFrom: '2027-03-01', expiresTo: '31.03.2027' }).total).toBe(250);
    expect(all({ client: '10.0.0' }).total).toBe(15);
    expect(all({ client: 'WALLET' }).total).toBe(5);
    // Activations on 2 … 4 November (cards 1–3 and 29–30 … days are n % 28 + 1).
    const early = all({ activatedFrom: '2026-11-02', activatedTo: '04.11.2026', sort: 'serial' });
    expect(early.cards.map((c) => c.serial)).toEqual(['7-30', '101-1', '101-2', '101-3', '101-29']);
    // Every field at once narrows to the one card they all describe.
    expect(all({ serialFrom: '101-1', serialTo: '101-5', reseller: 'Reseller C', amountFrom: '20', status: 'activated', client: '+359', carrier: 'vivacom', expiresFrom: '2027-01-01' }).cards.map((c) => c.serial)).toEqual(['101-2']);
  });

  it('sortsByEachFieldBothWaysWithTiesByIdAndBlanksLast', () => {
    const byAmount = wallet.search({ sort: 'amount', order: 'desc', perPage: '500' }).cards;
    expect(byAmount.map((c) => c.amountCents)).toEqual([...byAmount.map((c) => c.amountCents)].sort((a, b) => b! - a!));
    const byExpiry = wallet.search({ sort: 'expires', perPage: '100' }).cards.map((c) => c.expiresOn!);
    expect(byExpiry).toEqual([...byExpiry].sort());
    const created = wallet.search({ sort: 'created', order: 'desc' }).cards.map((c) => c.id);
    expect(created[0]).toBe(COUNT);
    const activated = wallet.search({ sort: 'activated', order: 'desc', perPage: '40' }).cards;
    expect(activated.slice(0, 30).every((c) => c.activatedAt !== null)).toBe(true);
    expect(activated.slice(30).every((c) => c.activatedAt === null)).toBe(true);
    for (const sort of ['serial', 'status', 'reseller', 'carrier']) expect(wallet.search({ sort }).total).toBe(COUNT);
  });

  it('refusesASearchItCannotRead', () => {
    for (const query of [{ status: 'used' }, { pin: '12ab' }, { amountFrom: 'five' }, { expiresTo: '31.02.2027' }, { sort: 'colour' }, { perPage: '501' }, { page: '0' }]) {
      expect(() => wallet.search(query)).toThrow(expect.objectContaining({ name: 'WalletError' }));
    }
  });
});

describe('mass edit and delete', () => {
  it('setsExpiryAndResellerOnEveryCardFoundButNeverOnADialledOne', () => {
    const { wallet } = bigWallet();
    const result = wallet.massEdit({ filter: { serialFrom: '101-1', serialTo: '101-100' } }, { expires: { setTo: '31.12.2028' }, reseller: { setTo: 'Kiosk 9' } });
    // 90 cards in series 101 from 1 to 100; 33 of them were dialled (the tens are series 7).
    const dialled = wallet.search({ serialFrom: '101-1', serialTo: '101-100', status: 'activated,rejected,unknown,dialling' }).total;
    expect(result).toEqual({ found: 90, changed: 90 - dialled, kept: dialled });
    const after = wallet.search({ serialFrom: '101-1', serialTo: '101-100', perPage: '100' }).cards;
    for (const card of after) {
      if (card.dial) expect(card).toMatchObject({ reseller: expect.not.stringMatching('Kiosk 9') });
      else expect(card).toMatchObject({ expiresOn: '2028-12-31', reseller: 'Kiosk 9' });
    }
    expect(wallet.search({ reseller: 'Kiosk 9' }).total).toBe(90 - dialled);
  });

  it('preserveLeavesAFieldAsItWasAndTickedCardsAreSelectedById', () => {
    const { wallet } = walletOnFile();
    const [a, b, c] = wallet.addAll(manyCards(3));
    expect(wallet.massEdit({ ids: [a!.id, c!.id] }, { expires: 'preserve', reseller: { setTo: 'Kiosk 1' } })).toEqual({ found: 2, changed: 2, kept: 0 });
    expect(wallet.search({ sort: 'created' }).cards.map((x) => [x.reseller, x.expiresOn])).toEqual([['Kiosk 1', a!.expiresOn], [b!.reseller, b!.expiresOn], ['Kiosk 1', c!.expiresOn]]);
    expect(wallet.massEdit({ ids: [b!.id] }, { expires: { setTo: null }, reseller: 'preserve' })).toMatchObject({ changed: 1 });
    expect(wallet.search({ serial: b!.serial! }).cards[0]).toMatchObject({ expiresOn: null, reseller: b!.reseller });
    expect(() => wallet.massEdit({ ids: [a!.id] }, { expires: 'preserve', reseller: 'preserve' })).toThrow(/nothing to change/);
    expect(() => wallet.massEdit({ ids: [a!.id] }, { expires: { setTo: '2027-02-30' }, reseller: 'preserve' })).toThrow(expect.objectContaining({ code: 'bad-date' }));
  });

  it('deletesTheSelectedAndAllFoundOnlyWhenConfirmedKeepingDialledCards', () => {
    const { wallet, store } = bigWallet();
    const ids = wallet.search({ serialFrom: '101-1', serialTo: '101-3', sort: 'serial' }).cards.map((c) => c.id);
    // 101-1 … 101-3 were activated: they stay.
    expect(wallet.deleteCards({ ids })).toEqual({ found: 3, deleted: 0, kept: 3 });
    const fresh = wallet.search({ status: 'new', perPage: '2' }).cards.map((c) => c.id);
    expect(wallet.deleteCards({ ids: fresh })).toEqual({ found: 2, deleted: 2, kept: 0 });
    expect(() => wallet.deleteCards({ filter: {} })).toThrow(expect.objectContaining({ code: 'unconfirmed' }));
    expect(() => wallet.deleteCards({ filter: {} }, 'yes')).toThrow(expect.objectContaining({ code: 'unconfirmed' }));
    expect(wallet.search({}).total).toBe(COUNT - 2);
    expect(wallet.deleteCards({ filter: {} }, 'delete all')).toEqual({ found: COUNT - 2, deleted: COUNT - 39, kept: 37 });
    expect(wallet.search({}).cards.every((c) => c.dial !== null)).toBe(true);
    // Their history is intact.
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM recharges').get() as { n: number }).n).toBe(37);
  });
});

describe('which line dialled a card', () => {
  it('isReadFromTheRechargesWhenTheyRecordIt', () => {
    const { wallet, dial } = walletOnFile();
    wallet.addAll(manyCards(2));
    dial(pinOf(1), 'success', 'http:10.0.0.7', '2026-11-20T10:00:00.000Z', 'kitchen');
    expect(wallet.search({ status: 'activated' }).cards[0]!.dial).toEqual({ at: '2026-11-20T10:00:00.000Z', by: 'http:10.0.0.7', line: 'kitchen' });
    expect(wallet.search({ client: 'KITCH' }).total).toBe(1);
  });
});
