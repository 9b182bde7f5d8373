import { describe, expect, it } from 'vitest';
import { decodeDeliver } from '../../src/codec/sms-deliver.js';
import { decodePdu } from '../../src/codec/pdu.js';
import { decodeStatusReport } from '../../src/codec/sms-status-report.js';
import { decodeSubmit, encodeSubmit } from '../../src/codec/sms-submit.js';
import { CodecError } from '../../src/codec/errors.js';
import { DELIVER_VECTORS } from '../vectors/deliver-vectors.js';

// More from linux-mobile-broadband/ModemManager src/tests/test-sms-part-3gpp.c (its DELIVER vectors
// are in test/vectors): classes, 8-bit data, bad lengths, SUBMIT byte for byte, a status report.
describe('ModemManager test-sms-part-3gpp vectors', () => {
  it('dcs F1 carries message class 1', () => {
    expect(decodeDeliver('07913306091093F0040485810000F111604231805180A049B7F90D9A1AA5A01668F8769BD3E4B29B9E2EB359A03FC85D06A9C3ED707A0EA2CBC3EE79BB4CA7CBCBA05643617DA7C76990FD4D979741EE77DD5E0ED741ED371D442E83E0E1F9BC0CD281E677D9B84C06C1DF7539E85C9097E520FB9B2E2F83C6EF369C5E064D8D52D0BC2E07DDEF77D7DC2C7799E5A0771D040FCB41F402BB0047BFDD6550B80ECAD966').messageClass).toBe(1);
  });

  it.each([
    ['DCS 04', '07912143658709F1040B918100551512F20004111010214365000AE8329BFD4697D9EC37DE'],
    ['DCS F4', '07912143658709F1040B918100551512F200F4111010214365000AE8329BFD4697D9EC37DE'],
  ])('8-bit data (%s) keeps its octets', (_name, pdu) => {
    const sms = decodeDeliver(pdu);
    expect(sms.encoding).toBe('8bit');
    expect(Buffer.from(sms.text, 'latin1').toString('hex').toUpperCase()).toBe('E8329BFD4697D9EC37DE');
  });

  it('a user data length beyond the data is read as far as it goes and flagged, never as the whole text', () => {
    expect(decodeDeliver('07912143658709F1040B918100551512F20000111010214365000BE8329BFD4697D9EC37')).toMatchObject({ text: 'hellohello', truncated: true });
  });

  it('the two multipart parts join into the text ModemManager shows as one message', () => {
    const [one, two] = ['ModemManager multipart 1/2', 'ModemManager multipart 2/2'].map((source) => DELIVER_VECTORS.find((v) => v.source === source)!);
    expect(decodeDeliver(one!.pdu).text + decodeDeliver(two!.pdu).text).toBe('This is a very long test designed to exercise multi part capability. It should show up as one message, not as two, as the underlying encoding represents that the parts are related to one another. ');
  });

  it('a SUBMIT stored on the SIM by us (status report requested, no validity period)', () => {
    expect(decodePdu('002100098136397339F70008224F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60')).toMatchObject({
      type: 'submit', to: '639337937', text: '你好你好你好你好你好你好你好你好你',
    });
  });

  it('a status report from Movistar ES', () => {
    expect(decodeStatusReport('07914356060013F1065A098136397339F7219011700463802190117004638030')).toEqual({
      type: 'status-report', smsc: '+34656000311', reference: 0x5a, recipient: '639337937',
      timestamp: '2012-09-11T07:40:36+02:00', discharged: '2012-09-11T07:40:36+02:00', status: 0x30, delivery: 'pending', statusText: 'not delivered yet, still trying (TP-ST 0x30)',
    });
  });

  it.each([
    ['UCS2 Cyrillic', '+15555551234', 'Да здравствует король, детка!', '0011000B915155551532F40008003A041404300020043704340440043004320441044204320443043504420020043A043E0440043E043B044C002C0020043404350442043A04300021'],
    ['GSM 7-bit with Δ', '+15555551234', 'Hi there...Tue 17th Jan 2012 05:30.18 pm (GMT+1) ΔΔΔΔΔ', '0011000B915155551532F400000036C834888E2ECBCB2E978B5A2F8362373A1AA40CBB4132584C0682D57433982B8603C1DB20D4B1495DC552200804028100'],
    ['25 septets: the last septet alone in its octet', '+15556661234', 'This is really cool ΔΔΔΔΔ', '0011000B915155661632F40000001954747A0E4ACF41F27298CDCE83C6EF371B0481402010'],
  ])('SUBMIT encodes byte for byte: %s (validity octet 0x00 as in the vector)', (_name, to, text, pdu) => {
    const [part] = encodeSubmit(to, text, { validityPeriod: 0x00 });
    expect(part!.pdu).toBe(pdu);
    expect(decodeSubmit(pdu).text).toBe(text);
  });
});
