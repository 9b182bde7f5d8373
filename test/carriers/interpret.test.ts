import { describe, expect, it } from 'vitest';
import { interpret, plainReading, type InterpretOptions } from '../../src/carriers/interpret/interpret.js';
import { currencyForImsi } from '../../src/carriers/mcc-country.js';
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
    ['Wrong voucher code. You have 2 attempts left before your SIM is blocked.', 'rejected'],
    ['Your SIM has been blocked from recharging after 5 wrong attempts.', 'attempts-exceeded'],
    ['Codice non valido. Riprova.', 'rejected'],
    ['O codigo de recarga ja foi utilizado.', 'rejected'],
    ['Kodu gecersiz. Lutfen tekrar deneyin.', 'rejected'],
    ['Cartela a fost deja folosita.', 'rejected'],
    ['الرقم السري غير صحيح', 'rejected'],
    ['Ваучерът е невалиден или вече използван.', 'rejected'],
    ["Votre demande n'a pas abouti.", 'rejected'],
    ['Tsy tontosa ny fangatahanao.', 'rejected'],
    ['Servicio no disponible en este momento, intente mas tarde.', 'unavailable'],
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

  it('a label with a figure of its own is that figure\'s, not a trailing word about the figure before it', () => {
    // The currency's abbreviation swallows the full stop ("лв."), so the next sentence's label comes right after the figure.
    expect(read('Успешно презаредихте 10.00 лв. Наличност: 15.50 лв. Валидност до 31.12.2026', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '10.00', balance: '15.50', validUntil: '2026-12-31' });
    expect(read('Uspeshno prezaredihte 10.00 lv. Nalichnost: 15.50 lv.', { kind: 'topup' })).toMatchObject({ added: '10.00', balance: '15.50' });
    expect(read('5.12 EUR is your balance.', { kind: 'balance' })).toMatchObject({ balance: '5.12' });
  });

  it('"increased by" and "um" name the change, not where the balance stands', () => {
    expect(read('Ihr Guthaben wurde um 15,00 EUR aufgeladen. Neues Guthaben: 17,35 EUR.', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '15.00', balance: '17.35', currency: 'EUR' });
    expect(read('Your balance has been increased by 5.00 EUR. New balance: 7.50 EUR', { kind: 'topup' })).toMatchObject({ added: '5.00', balance: '7.50' });
  });

  it('a figure owed or sent to another number is neither the balance nor what was added', () => {
    expect(read("Votre demande n'a pas abouti. Il vous reste 500 Ar a rembourser.")).toMatchObject({ outcome: 'rejected', added: null, balance: null });
    expect(read('Transfert effectue de 1 000 Ar pour le 0341234567. Nouveau solde : 8 950 Ar.')).toMatchObject({ outcome: 'success', added: null, balance: '8950.00', currency: 'MGA' });
  });

  it('the languages the box meets name what was added and what is left', () => {
    expect(read('تم شحن رصيدك بمبلغ 10 جنيه. رصيدك الحالي 25٫50 جنيه', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '10.00', balance: '25.50', currency: 'EGP' });
    expect(read('تم شحن رصيدك بنجاح بمبلغ 50 ريال. رصيدك الحالي 62.25 ريال', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '50.00', balance: '62.25', currency: 'SAR' });
    expect(read('Bakiyenize 20 TL yuklenmistir. Guncel bakiyeniz 32,40 TL.', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '20.00', balance: '32.40', currency: 'TRY' });
    expect(read('Pengisian pulsa Rp 25.000 berhasil. Pulsa Anda Rp 30.500.', { kind: 'topup' })).toMatchObject({ added: '25000.00', balance: '30500.00', currency: 'IDR' });
    expect(read('Recarga de R$ 15,00 efetuada com sucesso. Saldo: R$ 18,40. Valido ate 20/09/2026', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '15.00', balance: '18.40', validUntil: '2026-09-20' });
    expect(read('Ricarica di 10 euro effettuata con successo. Credito residuo: 12,34 euro.', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '10.00', balance: '12.34' });
    expect(read('Contul tau a fost reincarcat cu 5 euro. Credit disponibil: 7,50 euro, valabil pana la 30.09.2026', { kind: 'topup' })).toMatchObject({ added: '5.00', balance: '7.50', validUntil: '2026-09-30' });
    expect(read('Recarga exitosa de Q25.00. Saldo Q30.50', { kind: 'topup' })).toMatchObject({ added: '25.00', balance: '30.50', currency: 'GTQ' });
  });

  it('a stop glued to a capitalised word after a figure still ends the sentence', () => {
    expect(read('Your Balance is 5.84, bonus 0.00.Simply keep your line active before Sep 25 2029.', { kind: 'balance' })).toMatchObject({ balance: '5.84', validUntil: '2029-09-25' });
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

  it('eight digits that are no real day stay an identifier', () => {
    expect(read('Balance: 5.00 EUR, valid until 35988123', { kind: 'balance' })).toMatchObject({ balance: '5.00', validUntil: null });
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
    ['expiring at 00:01am 31122027 (DDMMYYYY)', '2027-12-31'],
    ['valid until 20271231', '2027-12-31'],
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

describe('figures that are not money', () => {
  it('phoneNumberWithCountryPrefixIsNeverMoney', () => {
    expect(read('Ваш федеральный номер +7 (999) 666-13-13')).toMatchObject({ outcome: 'other', added: null, balance: null });
    expect(read('Call +359 888 123 456 for help. Balance: 5.00 EUR', { kind: 'balance' })).toMatchObject({ balance: '5.00' });
    expect(read('Top-up successful: +10.00 BGN.', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '10.00' });
  });

  it('numberBeforeACountNounIsNotMoney', () => {
    expect(read('Le code secret saisi est incorrect. Il vous reste 2 tentative(s).', { kind: 'topup' })).toMatchObject({ outcome: 'rejected', balance: null, added: null });
    expect(read('Wrong code. You have 3 attempts left.', { kind: 'topup' })).toMatchObject({ outcome: 'rejected', balance: null });
  });

  it('durationOfManyHoursIsNotMoney', () => {
    expect(read('Zalyshok: 1424:00 hv na inshi merezhi; 1500 SMS po Ukraini', { kind: 'balance' })).toMatchObject({ outcome: 'balance', balance: null });
  });

  it('oneLetterCurrencyNeedsAWrittenOutAmountOrItsOwnCountry', () => {
    expect(read("L'envoi de l'offre est reussi. Votre nouveau solde est 2 500 Ar. Telma N1 Malagasy.", { currency: 'MGA' })).toMatchObject({ outcome: 'success', balance: '2500.00', added: null, currency: 'MGA' });
    expect(read('Balance: N1,500.50', { kind: 'balance' })).toMatchObject({ balance: '1500.50', currency: 'NGN' });
    expect(read('You have P1 left', { kind: 'balance', currency: 'PHP' })).toMatchObject({ balance: '1.00', currency: 'PHP' });
  });
});

describe('what a figure is for', () => {
  it('creditVerbsNameTheAmountAdded', () => {
    expect(read('VOUS AVEZ APPROVISIONNE VOTRE COMPTE DE 1000 FCFA.Votre solde est de 1000 FCFA.', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '1000.00', balance: '1000.00' });
    expect(read('Vous venez de recharger le compte du 0341234567 de 2000 Ar.', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '2000.00' });
    expect(read('01Oct 1004: Received P500.00 from 09282573535. Bal:P9,459.00', { kind: 'topup' })).toMatchObject({ outcome: 'success', added: '500.00', balance: '9459.00' });
    expect(read('P800.00 was transferred from 639396312108. Your avail bal: P12,565.00')).toMatchObject({ outcome: 'success', added: '800.00', balance: '12565.00' });
  });

  it('aRequestReceivedIsNotMoneyReceived', () => {
    expect(read('We have received the request. Please wait while we check your balance.', { kind: 'balance' }).outcome).toBe('other');
  });

  it('commissionOrFeeIsNotTheAmountAdded', () => {
    expect(read('Received P900.00 with P11.50 commission. Bal:P505,608.62', { kind: 'topup' })).toMatchObject({ added: '900.00', balance: '505608.62' });
    expect(read('Recharge de 1000 Ar effectuee. Frais 50 Ar. Nouveau solde 1950 Ar', { kind: 'topup' })).toMatchObject({ added: '1000.00', balance: '1950.00' });
  });

  it('aConditionsBoundIsNeitherBalanceNorAdded', () => {
    expect(read('Cher abonne, pour beneficier de ce service, votre balance doit etre inferieure a 500 Ar.', { kind: 'balance' })).toMatchObject({ outcome: 'other', balance: null });
    expect(read('Montant incorrect. Veuillez entrer un montant entre 500 Ar et 200 000 Ar', { kind: 'topup' })).toMatchObject({ outcome: 'rejected', added: null, balance: null });
    expect(read('Your balance must be at least 5.00 EUR to use this service.', { kind: 'balance' })).toMatchObject({ balance: null });
  });

  it('aFigureSentToAnotherNumberOrStillPendingIsNotATopUp', () => {
    expect(read('Votre demande de recharge de 2000 Ar a ete envoyee au 0341234567.', { kind: 'topup' })).toMatchObject({ outcome: 'other', added: null });
    expect(read('Your recharge of 10.00 EUR is being processed.', { kind: 'topup' }).outcome).toBe('other');
  });

  it('aBalanceCheckAddsNothing', () => {
    expect(read('37.28 received on 08/31/09. For continued service through 10/28/09, please pay 79.56 by 09/28/09.', { kind: 'balance' })).toMatchObject({ outcome: 'other', added: null, balance: null });
  });

  it('validityWordsOfMoreLanguages', () => {
    expect(read('Je Prepaid tegoed is euro 63.27. Geldig tot 23/11/2021.', { kind: 'balance' })).toMatchObject({ balance: '63.27', validUntil: '2021-11-23' });
  });
});
