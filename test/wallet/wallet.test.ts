import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModemError } from '../../src/modem/errors.js';
import { silentLogger } from '../../src/log/logger.js';
import { localDay } from '../../src/util/local-day.js';
import type { UssdAnswer } from '../../src/modem/ussd.js';
import { Wallet, WalletError } from '../../src/wallet/wallet.js';
import { carriers, IMSI, rechargeOnScriptedModem, SECRET } from '../helpers/recharge-setup.js';
const success: UssdAnswer = { status: 'answer', text: 'Uspeshno zaredihte 5.00 EUR. Nalichnost: 7.50 EUR. Validnost do 21.12.2026.', dcs: 15 };
const rejected: UssdAnswer = { status: 'terminated', text: 'Nevaliden ili veche izpolzvan kod na vaucher.', dcs: 15 };

/** `imsi`: the SIM in the box (Vivacom by default), null for none known yet. */
function setup(answers: Array<UssdAnswer | Error> = [], options: { imsi?: string | null } = {}) {
  const { file, store, dials, service } = rechargeOnScriptedModem(answers);
  let today = '2026-11-30';
  const imsi = options.imsi === undefined ? IMSI : options.imsi;
  const wallet = new Wallet({
    store, secret: SECRET, carriers, logger: silentLogger(), today: () => today,
    sims: () => (imsi ? [{ line: 'main', profile: carriers.forImsi(imsi) }] : []),
    recharge: (_line, request) => service.recharge(request),
  });
  return { file, store, dials, service, wallet, setToday: (day: string) => (today = day) };
}

const card = (pin: string, over: Record<string, string> = {}) => ({ pin, amount: '5.00', currency: 'EUR', reseller: 'Kiosk 7', expires: '31.12.2026', serial: 'A-0001', ...over });

describe('the voucher wallet', () => {
  it('aCardIsKeptSealedAndShownMaskedOnly', () => {
    const { wallet, file, store } = setup();
    const added = wallet.add(card('111122223333444'));
    expect(added).toMatchObject({ pin: '***********3444', amountCents: 500, currency: 'EUR', reseller: 'Kiosk 7', expiresOn: '2026-12-31', status: 'new' });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    // Neither the database file nor its WAL holds the PIN in the clear.
    for (const name of fs.readdirSync(path.dirname(file))) {
      expect(fs.readFileSync(path.join(path.dirname(file), name)).includes('111122223333444')).toBe(false);
    }
  });

  it.each([
    ['letters', card('11112222333344a'), 'bad-pin'],
    ['a length the card carrier does not use', card('11112222333', { carrier: 'vivacom' }), 'bad-pin'],
    ['an unknown carrier', card('111122223333444', { carrier: 'nosuch' }), 'unknown-carrier'],
    ['an amount that is not a number', card('111122223333444', { amount: 'five' }), 'bad-amount'],
    ['a date that does not exist', card('111122223333444', { expires: '31.02.2027' }), 'bad-date'],
    ['a reseller name with control characters', card('111122223333444', { reseller: 'x\u0007' }), 'bad-field'],
  ])('a card with %s is refused with a clear error', (_name, input, code) => {
    const { wallet } = setup();
    expect(() => wallet.add(input)).toThrow(expect.objectContaining({ code }));
    expect(wallet.list()).toEqual([]);
  });

  it.each([
    ['Vivacom', '284030000000001', '12345', "the SIM's carrier, Vivacom, takes PINs of 15 digits; this one has 5 (name the card's carrier if it is for another)"],
    ['A1', '284010000000001', '123456789012345', "the SIM's carrier, A1 Bulgaria, takes PINs of 14 digits; this one has 15 (name the card's carrier if it is for another)"],
  ])('a card without a carrier is checked against the SIM in the box (%s)', (_carrier, imsi, pin, message) => {
    const { wallet } = setup([], { imsi });
    expect(() => wallet.add(card(pin))).toThrow(new WalletError('bad-pin', message));
    expect(wallet.list()).toEqual([]);
  });

  it('withNoSimKnownSomeCarrierMustTakeThePinLength', () => {
    const { wallet } = setup([], { imsi: null });
    expect(() => wallet.add(card('12345'))).toThrow(new WalletError('bad-pin', 'no carrier takes PINs of 5 digits (A1 Bulgaria: 14 digits; Vivacom: 15 digits)'));
    expect(wallet.add(card('12345678901234'))).toMatchObject({ carrier: null, status: 'new' });
  });

  it('aCarrierWithoutARechargeServiceTakesNoCards', () => {
    const { wallet } = setup([], { imsi: '284050000000001' });
    expect(() => wallet.add(card('123456789012345'))).toThrow(expect.objectContaining({ code: 'unusable', message: expect.stringMatching(/^the SIM's carrier, Yettel.*, has no recharge service configured/) }));
    expect(() => wallet.add(card('123456789012345', { carrier: 'yettel' }))).toThrow(expect.objectContaining({ code: 'unusable' }));
    expect(wallet.add(card('12345678901234', { carrier: 'a1' }))).toMatchObject({ carrier: 'a1' });
  });

  it('aCardPastItsDateIsRefused', () => {
    const { wallet } = setup();
    expect(() => wallet.add(card('111122223333444', { expires: '29.11.2026' }))).toThrow(new WalletError('expired', 'the card expired on 29.11.2026'));
    expect(wallet.add(card('111122223333444', { expires: '30.11.2026' }))).toMatchObject({ status: 'new' });
  });

  it.each([
    ['used', success, /^card \*{11}3444 was used on \d\d\.\d\d\.\d{4}$/],
    ['refused by the carrier', rejected, /^the carrier refused card \*{11}3444 on \d\d\.\d\d\.\d{4}: it cannot be used$/],
    ['of unknown outcome', new Error('no USSD answer within 30000 ms'), /^card \*{11}3444 was dialled on .* and its outcome is not known yet$/],
  ])('a card already dialled and %s is refused', async (_name, answer, message) => {
    const { wallet, service } = setup([answer]);
    await service.recharge({ code: '111122223333444', requestedBy: '+359888123456', commandId: null });
    expect(() => wallet.add(card('111122223333444'))).toThrow(expect.objectContaining({ code: 'used', message: expect.stringMatching(message) }));
    expect(wallet.list()).toEqual([]);
  });

  it('aCardTheModemNeverSentIsStillTaken', async () => {
    const { wallet, service } = setup([new ModemError('ussd-refused', 'AT+CUSD: ERROR')]);
    expect(await service.recharge({ code: '111122223333444', requestedBy: '+359888123456', commandId: null })).toMatchObject({ kind: 'failed' });
    expect(wallet.add(card('111122223333444'))).toMatchObject({ status: 'new' });
  });

  it('readyCountsOnlyTheCardsTheSimTakes', () => {
    const { wallet } = setup();
    wallet.add(card('111122223333444'));
    wallet.add(card('55556666777788', { carrier: 'a1' }));
    expect(wallet.list()).toHaveLength(2);
    expect(wallet.ready().map((v) => v.pin)).toEqual(['***********3444']);
  });

  it('theSameCardTwiceIsRefused', () => {
    const { wallet } = setup();
    wallet.add(card('111122223333444'));
    expect(() => wallet.add(card('111122223333444', { serial: 'other' }))).toThrow(WalletError);
    expect(wallet.list()).toHaveLength(1);
  });

  it('topUpDialsTheCardThatExpiresFirstAndItBecomesUsed', async () => {
    const { wallet, dials } = setup([success]);
    wallet.add(card('111122223333444', { expires: '2027-03-01' }));
    wallet.add(card('555566667777888', { expires: '2026-12-15' }));
    const outcome = await wallet.topUp('low balance', 'main');
    expect(outcome).toMatchObject({ kind: 'dialled', result: { kind: 'success' }, voucher: { pin: '***********7888', status: 'activated' }, left: 1 });
    expect(dials.map((d) => d.code)).toEqual(['*101#555566667777888#']);
    expect(wallet.list().map((v) => v.status)).toEqual(['activated', 'new']);
  });

  it('aRejectedCardIsNeverDialledAgainAndTheNextWaitsForAnotherDay', async () => {
    const { wallet, dials } = setup([rejected, success]);
    wallet.add(card('111122223333444'));
    wallet.add(card('555566667777888', { expires: '2027-01-01' }));
    expect(await wallet.topUp('low balance', 'main')).toMatchObject({ kind: 'dialled', result: { kind: 'rejected' }, left: 1 });
    expect(dials).toHaveLength(1);
    expect(await wallet.topUp('low balance', 'main')).toMatchObject({ kind: 'dialled', result: { kind: 'success' }, voucher: { pin: '***********7888' } });
    expect(dials.map((d) => d.code)).toEqual(['*101#111122223333444#', '*101#555566667777888#']);
    expect(wallet.list().map((v) => v.status)).toEqual(['rejected', 'activated']);
  });

  it('aCardAlreadyUsedByCreditIsNotOfferedToTheWallet', async () => {
    const { wallet, service, dials } = setup([success]);
    wallet.add(card('111122223333444'));
    await service.recharge({ code: '111122223333444', requestedBy: '+359888123456', commandId: null });
    expect(wallet.list()[0]).toMatchObject({ status: 'activated', activatedAt: expect.any(String) });
    expect(await wallet.topUp('low balance', 'main')).toEqual({ kind: 'empty' });
    expect(dials).toHaveLength(1);
  });

  it('aDialWithNoAnswerLeavesTheCardUnknownAndItIsNotRetried', async () => {
    const { wallet, dials } = setup([new Error('no USSD answer within 30000 ms')]);
    wallet.add(card('111122223333444'));
    expect(await wallet.topUp('validity ending', 'main')).toMatchObject({ kind: 'dialled', result: { kind: 'no-answer' }, voucher: { status: 'unknown' } });
    expect(await wallet.topUp('validity ending', 'main')).toEqual({ kind: 'empty' });
    expect(dials).toHaveLength(1);
  });

  it('expiredCardsAndCardsForAnotherCarrierAreSkipped', async () => {
    const { wallet, dials, setToday } = setup([success]);
    wallet.add(card('111122223333444', { expires: '2026-12-01' }));
    wallet.add(card('55556666777788', { carrier: 'a1' }));
    setToday('2026-12-02');
    expect(wallet.list().map((v) => v.status)).toEqual(['expired', 'new']);
    expect(await wallet.topUp('low balance', 'main')).toEqual({ kind: 'empty' });
    expect(dials).toEqual([]);
  });

  it('onceADayCountsOnlyADialThatLeftTheModem', async () => {
    // The modem answered ERROR to AT+CUSD: the request never left, so it is not the day's dial.
    const { wallet, dials, setToday } = setup([new ModemError('ussd-refused', 'AT+CUSD=1,"*101#***#",15: ERROR'), success]);
    setToday(localDay());
    wallet.add(card('111122223333444', { expires: '31.12.2099' }));
    expect(await wallet.topUp('low balance', 'main', { oncePerDay: true })).toMatchObject({ kind: 'dialled', result: { kind: 'failed' } });
    expect(await wallet.topUp('low balance', 'main', { oncePerDay: true })).toMatchObject({ kind: 'dialled', result: { kind: 'success' } });
    expect(await wallet.topUp('low balance', 'main', { oncePerDay: true })).toEqual({ kind: 'dialled-today' });
    expect(dials).toHaveLength(2);
  });

  it('aCardNeverDialledCanBeTakenOutButAUsedOneStays', async () => {
    const { wallet } = setup([success]);
    const first = wallet.add(card('111122223333444'));
    const second = wallet.add(card('555566667777888', { expires: '2027-06-01' }));
    await wallet.topUp('low balance', 'main');
    expect(() => wallet.remove(first.id)).toThrow(expect.objectContaining({ code: 'dialled' }));
    wallet.remove(second.id);
    expect(() => wallet.remove(999)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(wallet.list().map((v) => v.id)).toEqual([first.id]);
  });

  it('aCopiedDatabaseWithoutTheKeyOpensNoPinAndItsCardsAreSkipped', () => {
    const { wallet, store } = setup();
    wallet.add(card('111122223333444'));
    const stranger = new Wallet({ store, secret: 'another-install-key', carriers, logger: silentLogger(), today: () => '2026-11-30', sims: () => [{ line: 'main', profile: carriers.forImsi(IMSI) }], recharge: null });
    expect(stranger.usable(carriers.forImsi(IMSI))).toEqual([]);
    expect(wallet.usable(carriers.forImsi(IMSI))).toHaveLength(1);
  });
});
