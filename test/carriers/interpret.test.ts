import { describe, expect, it } from 'vitest';
import { interpret, plainReading, type InterpretOptions } from '../../src/carriers/interpret/interpret.js';
import { currencyForImsi } from '../../src/carriers/mcc-currency.js';
import { CARRIER_TEXTS } from '../vectors/carrier-texts.js';

/** A reading as the CLI prints it: amounts as decimal strings. */
const read = (text: string, options: InterpretOptions = {}) => plainReading(interpret(text, options));

describe('public carrier texts (development set)', () => {
  const dev = CARRIER_TEXTS.filter((entry) => entry.set === 'dev');
  it.each(dev.map((entry) => [`${entry.lang} — ${entry.source}: ${JSON.stringify(entry.text.slice(0, 60))}`, entry] as const))('%s', (_name, entry) => {
    const got = read(entry.text, { kind: entry.kind, currency: entry.mcc ? currencyForImsi(entry.mcc) : null });
    expect(got).toMatchObject(entry.expect);
  });

  it('the corpus spans many languages and both kinds of answer', () => {
    expect(new Set(CARRIER_TEXTS.map((e) => e.lang.slice(0, 2))).size).toBeGreaterThanOrEqual(15);
    expect(CARRIER_TEXTS.filter((e) => e.kind === 'topup').length).toBeGreaterThanOrEqual(15);
    expect(CARRIER_TEXTS.every((e) => e.source.length > 0)).toBe(true);
  });
});

describe('outcomes', () => {
  it.each([
    ['Recharge successful. Your new balance is 15.00 EUR.', 'success'],
    ['Your recharge was not successful.', 'rejected'],
    ['Recharge failed.', 'rejected'],
    ['The voucher you entered has already been used.', 'rejected'],
    ['Invalid PIN. Please check and try again.', 'rejected'],
    ['Nevaliden kod.', 'rejected'],
    ['Неверный код карты оплаты.', 'rejected'],
    ['Карта уже использована.', 'rejected'],
    ['You have exceeded the maximum number of attempts. Recharging is barred for 24 hours.', 'attempts-exceeded'],
    ['Достигнат е максималният брой грешни опити.', 'attempts-exceeded'],
    ['Service temporarily unavailable. Please try again later.', 'unavailable'],
    ['Услугата е временно недостъпна.', 'unavailable'],
    ['Your request is being processed. You will receive an SMS.', 'other'],
    ['Welcome', 'other'],
  ] as const)('%s → %s', (text, outcome) => {
    expect(interpret(text, { kind: 'topup' }).outcome).toBe(outcome);
  });

  it('a success recognised without any figure is still a success', () => {
    expect(read('Uspeshno prezarejdane.', { kind: 'topup' })).toEqual({ outcome: 'success', added: null, balance: null, currency: null, validUntil: null });
  });

  it('"invalid" about a menu choice is not a rejected card', () => {
    expect(interpret('Invalid option.\n1. Balance\n2. Offers', { kind: 'topup' }).outcome).toBe('other');
  });

  it('a balance answer is never read as a top-up success', () => {
    expect(interpret('Balance: 5.00 EUR. Top up successful last on 01.02.2025.', { kind: 'balance' }).outcome).toBe('balance');
  });
});

describe('money', () => {
  it.each([
    ['Balance: 1.234,56 EUR', '1234.56', 'EUR'],
    ['Balance: 1,234.56 USD', '1234.56', 'USD'],
    ['Balance: 12 500 Ar', '12500.00', 'MGA'],
    ['Balance: 2 500,00 руб.', '2500.00', 'RUB'],
    ['Balance: Rp 10.000', '10000.00', 'IDR'],
    ['Balance: €3.20', '3.20', 'EUR'],
    ['Balance: 3,20 €', '3.20', 'EUR'],
    ['Наличност: 5,11 лв.', '5.11', 'BGN'],
    ['Nalichnost: 5,11 lv', '5.11', 'BGN'],
    ['Баланс: 120,50 грн', '120.50', 'UAH'],
    ['Balance: KSh 1,999', '1999.00', 'KES'],
    ['Balance: ₦1,500.50', '1500.50', 'NGN'],
    ['Balance: N1,500.50', '1500.50', 'NGN'],
    ['Balance: R 49.96', '49.96', 'ZAR'],
    ['Saldo: R$ 10,00', '10.00', 'BRL'],
    ['Saldo: S/. 5.00', '5.00', 'PEN'],
    ['Balance: 1.500 KWD', '1.50', 'KWD'],
    ['Баланс: -12,34 р.', '-12.34', 'RUB'],
  ])('%s → %s %s', (text, amount, currency) => {
    expect(read(text, { kind: 'balance' })).toMatchObject({ balance: amount, currency });
  });

  it('the balance is told apart from bonus, data and minutes, whatever their order', () => {
    expect(read('Bonus balance: 2.00 EUR. Main balance: 7.50 EUR. Data: 500 MB.', { kind: 'balance' })).toMatchObject({ balance: '7.50' });
    expect(read('You have 300 min and 2 GB. Your balance is 4.00 EUR.', { kind: 'balance' })).toMatchObject({ balance: '4.00' });
  });

  it('the same figure shown in a second currency is not another amount', () => {
    expect(read('Top-up successful: 10.00 BGN (5.11 EUR). Balance: 22.34 BGN (11.42 EUR).', { kind: 'topup' })).toMatchObject({ added: '10.00', balance: '22.34', currency: 'BGN' });
  });

  it('"$" and "Rs" take the carrier\'s own currency when it is one of theirs, else the usual one', () => {
    expect(read('Your balance is $20.00', { kind: 'balance', currency: 'CAD' })).toMatchObject({ currency: 'CAD' });
    expect(read('Your balance is $20.00', { kind: 'balance', currency: 'EUR' })).toMatchObject({ currency: 'USD' });
    expect(read('Your balance is Rs. 95.75', { kind: 'balance', currency: 'NPR' })).toMatchObject({ currency: 'NPR' });
  });

  it('a figure with no currency takes the carrier\'s, and stays null when that is unknown', () => {
    expect(read('Your balance is 12.40', { kind: 'balance', currency: 'EUR' })).toMatchObject({ balance: '12.40', currency: 'EUR' });
    expect(read('Your balance is 12.40', { kind: 'balance' })).toMatchObject({ balance: '12.40', currency: null });
  });

  it('phone numbers, USSD codes and menu numbers are never amounts', () => {
    expect(read('For your balance dial *102# or call 0888123456.', { kind: 'balance' })).toMatchObject({ balance: null });
  });

  it('aCardEchoedBackInDigitGroupsGivesNoFigureNorAnyPartOfIt', () => {
    // A carrier repeating the card: none of its groups may become the amount a reply repeats.
    expect(read('PIN 7220.234.5959.1840 Votre compte a ete recharge de 5000 Ar', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '5000.00' });
    expect(read('Karta 7220.234.5959.1840 e zaredena s 5.00 EUR', { kind: 'topup' })).toMatchObject({ added: '5.00' });
    for (const card of ['4789 6056 1192 943', '4789-6056-1192-943', '4789/6056/1192/943', '7220.234.5959.1840']) {
      expect(read(`Card ${card} accepted.`, { kind: 'topup' })).toMatchObject({ added: null, balance: null });
    }
    expect(read('Balance 12 500 Ar', { kind: 'balance' })).toMatchObject({ balance: '12500.00' });
  });
});

describe('dates', () => {
  it.each([
    ['valid until 31.12.2027', '2027-12-31'],
    ['valid until 31/12/27', '2027-12-31'],
    ['valid until 2027-12-31', '2027-12-31'],
    ['valid until 31 Dec 2027', '2027-12-31'],
    ['valid until 31-DEC-2027', '2027-12-31'],
    ['valid until Dec 31, 2027', '2027-12-31'],
    ['validnost do 31.12.2027 g.', '2027-12-31'],
    ['действителен до 31 декабря 2027 г.', '2027-12-31'],
    ['vence el 31 de diciembre de 2027', '2027-12-31'],
    ['valid until 31.12', null],
    ['valid until 31 Dec', null],
    ['valid until 31.02.2027', null],
  ])('Balance: 5.00 EUR, %s → %s', (date, iso) => {
    expect(read(`Balance: 5.00 EUR, ${date}`, { kind: 'balance' }).validUntil).toBe(iso);
  });

  it('an American date is read month first when the text is in dollars', () => {
    expect(read('Balance $5.00, expires 08/10/2027', { kind: 'balance' }).validUntil).toBe('2027-08-10');
    expect(read('Balance 5.00 EUR, valid until 08/10/2027', { kind: 'balance' }).validUntil).toBe('2027-10-08');
  });

  it('a transaction date or a bundle\'s end is not the SIM\'s validity', () => {
    expect(read('On 01.02.2027 you have 5.00 EUR.', { kind: 'balance' }).validUntil).toBeNull();
    expect(read('Balance 5.00 EUR. Bonus 500 MB valid until 01.03.2027.', { kind: 'balance' }).validUntil).toBeNull();
  });
});

describe('a carrier profile\'s own phrases', () => {
  it('add words the generic reading does not know, and their outcome wins', () => {
    const phrases = { success: ['kadoa'], balance: ['volako'] };
    expect(interpret('Kadoa! Volako 12.00 EUR', { kind: 'topup', phrases })).toMatchObject({ outcome: 'success', balance: { cents: 1200, currency: 'EUR' } });
    expect(interpret('Kadoa! Volako 12.00 EUR', { kind: 'topup' }).outcome).toBe('other');
    expect(interpret('Invalid code, kadoa', { kind: 'topup', phrases: { attemptsExceeded: ['kadoa'] } }).outcome).toBe('attempts-exceeded');
  });
});
