import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSamples, loadCarriers, loadProfileFile, CarrierProfileError, BUILTIN_CARRIERS_DIR } from '../../src/carriers/loader.js';
import { parseDayMonthYear } from '../../src/carriers/money.js';

describe('money and dates as Bulgarian carriers print them', () => {
  const vivacom = loadCarriers().forImsi('28403');
  it.each([
    ['10,00 lv.', 1000, 'BGN'],
    ['12.50 lv', 1250, 'BGN'],
    ['3 лв', 300, 'BGN'],
    ['5,11 BGN', 511, 'BGN'],
    ['7.50 EUR', 750, 'EUR'],
    ['€3.20', 320, 'EUR'],
    ['1,53 евро', 153, 'EUR'],
    ['2,5 evro', 250, 'EUR'],
    ['4.00', 400, 'EUR'],
  ])('Nalichnost: %s', (text, cents, currency) => {
    expect(vivacom.read(`Nalichnost: ${text}`, 'balance').balance).toEqual({ cents, currency });
  });

  it('reads dd.MM.yyyy and refuses impossible dates', () => {
    expect(parseDayMonthYear('01.03.2027')).toBe('2027-03-01');
    expect(parseDayMonthYear('1/3/2027')).toBe('2027-03-01');
    expect(parseDayMonthYear('31.02.2027')).toBeNull();
  });
});

describe('built-in carrier profiles', () => {
  const registry = loadCarriers();

  it('loads Vivacom, A1, Yettel and the generic fallback', () => {
    expect(registry.profiles.map((p) => p.id).sort()).toEqual(['a1', 'generic', 'vivacom', 'yettel']);
  });

  it.each([
    ['284030000000001', 'vivacom'],
    ['284011234567890', 'a1'],
    ['284051234567890', 'yettel'],
    ['262011234567890', 'generic'],
  ])('detects the carrier from the IMSI %s → %s', (imsi, id) => {
    expect(registry.forImsi(imsi).id).toBe(id);
  });

  it('every profile parses its own sample answers', () => {
    for (const profile of registry.profiles) expect(checkSamples(profile)).toEqual([]);
  });

  it('A1 reads its documented success text in lev and in euro', () => {
    const a1 = registry.forImsi('28401');
    expect(a1.read('Prezarejdane s 10,00 lv. Obshta suma 12,50 lv. Validnost do 01.03.2027', 'topup')).toEqual({
      outcome: 'success', added: { cents: 1000, currency: 'BGN' }, balance: { cents: 1250, currency: 'BGN' }, currency: 'BGN', validUntil: '2027-03-01',
    });
  });

  it('an attempts-exceeded answer wins over words that also mean "invalid"', () => {
    expect(registry.forImsi('28403').read('Nevaliden kod. Dostignat e maksimalniyat broy greshni opiti.', 'topup').outcome).toBe('attempts-exceeded');
  });

  it('a figure with no currency is in the carrier\'s own', () => {
    expect(registry.forImsi('28403').read('Nalichnost: 3.20', 'balance').balance).toEqual({ cents: 320, currency: 'EUR' });
  });

  it('A1\'s code length and Vivacom\'s recharge code are reported unconfirmed until the installer confirms them', () => {
    const a1 = registry.forImsi('28401');
    expect(a1.unconfirmed()).toEqual(['recharge *100*{code}#', '14-digit codes']);
    const confirmed = a1.withOverrides({ codeLengths: [15] });
    expect(confirmed.file.recharge.codeLengths).toEqual([15]);
    expect(confirmed.unconfirmed()).toEqual(['recharge *100*{code}#']);
    expect(registry.forImsi('28403').withOverrides({ rechargeUssd: '*101#{code}#', codeLengths: [15] }).unconfirmed()).toEqual([]);
  });

  it('a SIM with no profile gets the generic reading in its country\'s currency', () => {
    const profile = registry.forSim('302720000000001');
    expect(profile.id).toBe('generic');
    expect(profile.read('Your balance is $20.00', 'balance').balance).toEqual({ cents: 2000, currency: 'CAD' });
  });

  it('Yettel has no recharge service until one is configured', () => {
    expect(registry.forImsi('28405').canRecharge).toBe(false);
    expect(registry.forImsi('28403').canRecharge).toBe(true);
  });

  it('an unpublished carrier limit gives the conservative budget: 3 per 24 h less our margin of 1', () => {
    expect(registry.forImsi('28403').attemptBudget).toEqual({ allowed: 2, windowHours: 24 });
  });
});

describe('profile validation', () => {
  function withProfile(mutate: (p: Record<string, any>) => void): string {
    const data = JSON.parse(fs.readFileSync(path.join(BUILTIN_CARRIERS_DIR, 'vivacom.json'), 'utf8'));
    mutate(data);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gk-carrier-')), 'x.json');
    fs.writeFileSync(file, JSON.stringify(data));
    return file;
  }

  it.each([
    ['a template without {code}', (p: any) => (p.recharge.ussd = '*101#')],
    ['a template with characters USSD cannot carry', (p: any) => (p.recharge.ussd = '*101#{code}#;AT')],
    ['an MCC-MNC that is not 5–6 digits', (p: any) => (p.mccMnc = ['2840'])],
    ['a phrase of more than six words', (p: any) => (p.answers.rejected = ['one two three four five six seven'])],
    ['a sample it misreads', (p: any) => (p.samples[0].expect.balance = '9.99 EUR')],
    ['an unknown field', (p: any) => (p.rechargeCode = 'x')],
  ])('rejects %s with a clear error', (_name, mutate) => {
    expect(() => loadProfileFile(withProfile(mutate))).toThrow(CarrierProfileError);
  });
});
