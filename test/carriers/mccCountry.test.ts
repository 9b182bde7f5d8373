import { describe, expect, it } from 'vitest';
import { callingCodeForImsi, currencyForImsi } from '../../src/carriers/mcc-country.js';

describe("a SIM's country by its MCC", () => {
  it.each([
    ['284030123456789', 'EUR', '359'], // Bulgaria: the euro since 2026
    ['310260000000000', 'USD', '1'],
    ['302720000000000', 'CAD', '1'], // one calling code, two currencies
    ['404450000000000', 'INR', '91'],
    ['655010000000000', 'ZAR', '27'],
  ])('knowsTheCurrencyAndCallingCodeOf %s', (imsi, currency, code) => {
    expect([currencyForImsi(imsi), callingCodeForImsi(imsi)]).toEqual([currency, code]);
  });

  it('everyMccHasACurrencyCodeAndACallingCodeInTheirOwnColumns', () => {
    // A column swap or a slip in one row shows here: ISO 4217 letters, E.164 country codes.
    const known = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0')).filter((mcc) => currencyForImsi(mcc) !== null || callingCodeForImsi(mcc) !== null);
    expect(known.length).toBeGreaterThan(200);
    for (const mcc of known) expect([mcc, currencyForImsi(mcc), callingCodeForImsi(mcc)]).toEqual([mcc, expect.stringMatching(/^[A-Z]{3}$/), expect.stringMatching(/^[1-9][0-9]{0,2}$/)]);
  });

  it('anMccNoTableKnowsIsNeitherGuessed', () => {
    expect([currencyForImsi('001010000000000'), callingCodeForImsi('001010000000000')]).toEqual([null, null]);
  });
});
