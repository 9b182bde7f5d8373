import { describe, expect, it } from 'vitest';
import { parseCusd } from '../../src/codec/ussd.js';
import { decodeUssdText, type Cscs } from '../../src/codec/ussd-text.js';
import { printUssdAnswer } from '../../src/sim/ussd-output.js';

// What the simulated modem prints, the daemon's decoder must read back, whatever the CSCS.
describe('the simulated modem prints USSD answers the way its character set says', () => {
  it.each<[Cscs, string]>([
    ['GSM', 'Balans 7.50 € [ok] @home $1'],
    ['HEX', 'Balans 7.50 € [ok] @home $1'],
    ['UCS2', 'Balans 7.50 € [ok] @home $1'],
    ['IRA', 'Balans 7.50 EUR [ok] @home $1'],
  ])('under CSCS %s', (cscs, text) => {
    const { printed, dcs } = printUssdAnswer(text, cscs);
    const parsed = parseCusd(`+CUSD: 0,"${printed}",${dcs}`);
    expect(decodeUssdText(parsed.raw!, parsed.dcs, { cscs })).toBe(text);
  });

  it('a Cyrillic answer comes as UCS2 with DCS 72 even under CSCS GSM', () => {
    const { printed, dcs } = printUssdAnswer('Баланс 7,50 лв', 'GSM');
    expect(dcs).toBe(72);
    expect(printed.startsWith('0411')).toBe(true);
    expect(decodeUssdText(printed, dcs, { cscs: 'GSM' })).toBe('Баланс 7,50 лв');
  });

  it('IRA cannot carry € and prints ? for it, as a real modem does', () => {
    expect(printUssdAnswer('5 €', 'IRA').printed).toBe('5 ?');
  });
});
