import { describe, expect, it } from 'vitest';
import { chooseCnmi, chooseCpms, parseCmgl, parseCmgr, parseCops, parseCreg, parseCsq, parseImsi } from '../../src/modem/parsers.js';

describe('CNMI choice from AT+CNMI=?', () => {
  it.each([
    ['SIM800L (no ds=2; python-gsmmodem issue #60)', '+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)', 'AT+CNMI=2,1,0,0,0'],
    ['Cinterion MC75i accepts only bfr=1 (gammu PR #1207)', '+CNMI: (0,1,2,3),(0,1,2,3),(0,2,3),(0,1,2),(1)', 'AT+CNMI=2,1,0,0,1'],
    ['a modem without mode 2 uses mode 1', '+CNMI: (0,1),(0,1,2),(0),(0,2),(0)', 'AT+CNMI=1,1,0,0,0'],
    ['a modem that lists three groups only', '+CNMI: (1,2),(0-3),(0)', 'AT+CNMI=2,1,0'],
  ])('%s', (_name, answer, command) => {
    expect(chooseCnmi(answer)).toBe(command);
  });

  it('falls back to the common 2,1,0,0,0 when the answer is unreadable', () => {
    expect(chooseCnmi('+CNMI: garbage')).toBe('AT+CNMI=2,1,0,0,0');
  });
});

describe('storage choice from AT+CPMS=?', () => {
  it('prefers the SIM', () => {
    expect(chooseCpms('+CPMS: ("ME","SM"),("ME","SM"),("SM","ME")')).toBe('AT+CPMS="SM","SM","SM"');
  });
  it('takes what the modem offers when the SIM is not listed', () => {
    expect(chooseCpms('+CPMS: ("ME","MT"),("ME","MT"),("ME","MT")')).toBe('AT+CPMS="ME","ME","ME"');
  });
});

describe('information lines', () => {
  it('CSQ to dBm and bars (TS 27.007: -113 + 2·rssi; 99 unknown)', () => {
    expect(parseCsq('+CSQ: 21,0')).toEqual({ rssi: 21, dbm: -71, bars: 4 });
    expect(parseCsq('+CSQ: 99,99')).toEqual({ rssi: null, dbm: null, bars: 0 });
    expect(parseCsq('+CSQ: 31,0')).toEqual({ rssi: 31, dbm: -51, bars: 5 });
  });

  it('CREG solicited (n,stat) and unsolicited (stat)', () => {
    expect(parseCreg('+CREG: 0,1', true)).toBe('home');
    expect(parseCreg('+CREG: 0,5', true)).toBe('roaming');
    expect(parseCreg('+CREG: 2', false)).toBe('searching');
    expect(parseCreg('+CREG: 2,3,"00C3","1234"', true)).toBe('denied');
  });

  it('COPS numeric operator', () => {
    expect(parseCops('+COPS: 0,2,"28403",7')).toBe('28403');
    expect(parseCops('+COPS: 0')).toBeNull();
  });

  it('cmglListsAHeaderWithoutAPduAsAnEmptySlot', () => {
    expect(parseCmgl(['+CMGL: 1,0,,24', 'AABB', '+CMGL: 2,1,,30', '+CMGL: 3,1,"",31', 'CCDD', '+CMGL: 4,1,,0'])).toEqual([
      { index: 1, status: 0, pdu: 'AABB' },
      { index: 2, status: 1, pdu: '' },
      { index: 3, status: 1, pdu: 'CCDD' },
      { index: 4, status: 1, pdu: '' },
    ]);
  });

  it('cmgrReadsAHeaderWithoutAPduAsAnEmptySlotAndNoHeaderAsAFreeOne', () => {
    expect(parseCmgr(['+CMGR: 0,,-1'])).toEqual({ status: 0, pdu: '' });
    expect(parseCmgr([])).toBeNull();
  });

  it('CMGL cuts SIM record padding at the header length and drops stray quotes', () => {
    expect(parseCmgl(['+CMGL: 4,1,,7', '"0001000381214300"', '+CMGL: 5,0,,7', `0001000381214300${'F'.repeat(20)}`])).toEqual([
      { index: 4, status: 1, pdu: '0001000381214300' },
      { index: 5, status: 0, pdu: '0001000381214300' },
    ]);
  });

  it('a header length that disagrees with real data is left for the decoder to report', () => {
    expect(parseCmgr(['+CMGR: 0,,3', '0001000381214300'])).toEqual({ status: 0, pdu: '0001000381214300' });
  });

  it('CMGR without a stat (+CMGR: ,,92) or with the length alone (+CMGR: 24) still reads the PDU', () => {
    expect(parseCmgr(['+CMGR: ,,7', '0001000381214300'])).toEqual({ status: -1, pdu: '0001000381214300' });
    expect(parseCmgr(['+CMGR: 7', '0001000381214300'])).toEqual({ status: -1, pdu: '0001000381214300' });
  });

  it('IMSI with or without a +CIMI prefix', () => {
    expect(parseImsi(['284030000000001'])).toBe('284030000000001');
    expect(parseImsi(['+CIMI: 284011234567890'])).toBe('284011234567890');
    expect(parseImsi(['ERROR'])).toBeNull();
  });
});
