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

  it('anMccNoTableKnowsIsNeitherGuessed', () => {
    expect([currencyForImsi('001010000000000'), callingCodeForImsi('001010000000000')]).toEqual([null, null]);
  });
});
