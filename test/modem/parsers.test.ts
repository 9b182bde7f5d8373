import { describe, expect, it } from 'vitest';
import {
  chooseCnmi, chooseCnmiRouting, chooseCpms, chosenMemories, cpmsMemories, parseCds, parseCdsi, parseCmgl, parseCmgr, parseCops, parseCreg, parseCsmsService, parseCsq, parseImsi,
} from '../../src/modem/parsers.js';

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

describe('status-report routing from AT+CNMI=? (ds=2 stored, else ds=1 inline, else none)', () => {
  it.each([
    // SIM800 Series AT Command Manual: <ds> (0,1) — reports come inline as +CDS.
    ['SIM800L lists ds 0,1: inline', '+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)', 'AT+CNMI=2,1,0,1,0', 'inline'],
    // Cinterion MC75i (gammu PR #1207): ds 0–2, bfr only 1.
    ['Cinterion MC75i lists ds 0-2: stored', '+CNMI: (0,1,2,3),(0,1,2,3),(0,2,3),(0,1,2),(1)', 'AT+CNMI=2,1,0,2,1', 'stored'],
    // Telit GE863/GM862 AT Commands Reference Guide: ds 0–2, +CDSI: "SM",<index>.
    ['Telit GE863 lists ds 0-2 as a range', '+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)', 'AT+CNMI=2,1,0,2,0', 'stored'],
    ['a modem whose only routing is inline', '+CNMI: (0,1),(0,1,2),(0),(0,1),(0)', 'AT+CNMI=1,1,0,1,0', 'inline'],
    ['a modem that offers ds 0 only keeps working without reports', '+CNMI: (0-3),(0-3),(0,2),(0),(0,1)', 'AT+CNMI=2,1,0,0,0', 'none'],
    ['a modem that lists no ds group at all', '+CNMI: (1,2),(0-3),(0)', 'AT+CNMI=2,1,0', 'none'],
  ] as const)('%s', (_name, answer, command, reports) => {
    expect(chooseCnmiRouting(answer, true)).toEqual({ command, reports });
  });

  it('routesNoReportsWhenTheyAreNotWanted', () => {
    expect(chooseCnmiRouting('+CNMI: (0,1,2,3),(0,1,2,3),(0,2,3),(0,1,2),(1)', false)).toEqual({ command: 'AT+CNMI=2,1,0,0,1', reports: 'none' });
  });

  it('fallsBackToNoRoutingWhenTheAnswerIsUnreadable', () => {
    expect(chooseCnmiRouting('+CNMI: garbage', true)).toEqual({ command: 'AT+CNMI=2,1,0,0,0', reports: 'none' });
  });
});

describe('status-report indications as modem manuals print them', () => {
  it.each([
    // Telit GE863 / GM862 AT Commands Reference Guide, +CNMI <ds>=2: +CDSI: <memr>,<index>, memory "SM".
    ['Telit GE863: stored on the SIM', '+CDSI: "SM",3', { storage: 'SM', index: 3 }],
    // Huawei MU509 AT Command Interface Specification §6.6: +CDSI: <mem>,<index>, mem "SR" only.
    ['Huawei MU509: stored in the status-report memory', '+CDSI: "SR",12', { storage: 'SR', index: 12 }],
    // python-gsmmodem test_modem.py test_receiveStatusReportTextMode: index 57 in "SR".
    ['python-gsmmodem: index 57 in SR', '+CDSI: "SR",57', { storage: 'SR', index: 57 }],
    ['spaces around the comma', '+CDSI: "ME" , 7', { storage: 'ME', index: 7 }],
  ])('%s', (_name, line, expected) => {
    expect(parseCdsi(line)).toEqual(expected);
  });

  it.each([['+CDSI: SM,3'], ['+CDSI: "SM"'], ['+CDSI: "SM",x'], ['+CMTI: "SM",3']])('%s is not a stored report', (line) => {
    expect(parseCdsi(line)).toBeNull();
  });

  it('readsAnInlineReportAsTheManualsPrintIt', () => {
    // Huawei MU509 §6.7 and Telit ME310G1 (PDU mode, ds=1): +CDS: <length><CR><LF><pdu>. The PDU is
    // python-gsmmodem's report for MR 183 (test_modem.py, sendSms with a status report).
    const pdu = '07917248014000F506B70AA18092020000317071518590803170715185418000';
    expect(parseCds(['+CDS: 24', pdu])).toBe(pdu);
    // A modem that prints the bare TPDU: the empty SMSC octet is put in front, as for +CMGR.
    expect(parseCds(['+CDS: 24', pdu.slice(16)])).toBe(`00${pdu.slice(16)}`);
  });

  it.each([
    ['the PDU line is missing (the URC was cut)', ['+CDS: 24']],
    ['text mode (not PDU mode)', ['+CDS: 6,183,"0829200200",161,"13/07/17,15:58:09+08","13/07/17,15:58:14+08",0']],
    ['no length', ['+CDS: ', '0006B7']],
  ])('an inline report whose %s is dropped', (_name, lines) => {
    expect(parseCds(lines)).toBeNull();
  });

  it('readsTheServiceOfCsms', () => {
    // TS 27.005 §3.2.1: +CSMS: <service>,<mt>,<mo>,<bm>; service 1 makes +CDS wait for AT+CNMA.
    expect(parseCsmsService(['+CSMS: 1,1,1,1'])).toBe(1);
    expect(parseCsmsService(['+CSMS: 0,1,1,1'])).toBe(0);
    expect(parseCsmsService([])).toBe(0);
  });

  it('listsTheMemoriesOfCpmsAsHuaweiPrintsThem', () => {
    // python-gsmmodem fakemodems.py, Huawei K3715 and E1752: AT+CPMS=? offers SR for reading.
    const answer = '+CPMS: ("ME","MT","SM","SR"),("ME","MT","SM","SR"),("ME","MT","SM","SR")';
    expect(cpmsMemories(answer)[0]).toEqual(['ME', 'MT', 'SM', 'SR']);
    expect(chosenMemories(answer)).toEqual(['SM', 'SM', 'SM']);
  });
});
