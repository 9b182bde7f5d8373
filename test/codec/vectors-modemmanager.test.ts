import { describe, expect, it } from 'vitest';
import { decodeDeliver } from '../../src/codec/sms-deliver.js';
import { decodePdu } from '../../src/codec/pdu.js';
import { decodeStatusReport } from '../../src/codec/sms-status-report.js';
import { decodeSubmit, encodeSubmit } from '../../src/codec/sms-submit.js';
import { CodecError } from '../../src/codec/errors.js';

// Vectors from linux-mobile-broadband/ModemManager src/tests/test-sms-part-3gpp.c (captured from
// networks: T-Mobile US, Beeline RU, SFR FR, KPN NL, Movistar ES), with the values it asserts.
describe('ModemManager test-sms-part-3gpp vectors', () => {
  it.each([
    {
      name: 'pdu1: extension table characters and £ ΩΠΨ §¿, zone -05:00',
      pdu: '07912104442961F4040B916171957291F800001120821105050A6AC8B2BC7C9A83C220F6DB7D2ECB41EDF27C1E3E97411BDE06754FD3D1A0F9BB5D0695F1F4B29B5C2683C6E8B03C3CA697E5F34D6AE303D1D1F2F7DD0D4ABB59A0797D8C0685E7A00028EC26832A960B28EC2683BE6050780EBA97D96C17',
      smsc: '+12404492164', sender: '+16175927198', timestamp: '2011-02-28T11:50:50-05:00',
      text: "Here's a longer message [{with some extended characters}] thrown in, such as £ and ΩΠΨ and §¿ as well.",
    },
    {
      name: 'pdu2: alphanumeric sender, UCS2 Cyrillic',
      pdu: '07919730071111F10414D04937BD2C7797E9D3E614000811309291024061080442043504410442',
      smsc: '+79037011111', sender: 'InternetSMS', timestamp: '2011-03-29T19:20:04+04:00', text: 'тест',
    },
    {
      name: 'pdu3: hellohello at +00:00',
      pdu: '07912143658709F1040B918100551512F20000111010214365000AE8329BFD4697D9EC37',
      smsc: '+12345678901', sender: '+18005551212', timestamp: '2011-01-01T12:34:56+00:00', text: 'hellohello',
    },
    {
      name: 'pdu3 with a non-zero PID',
      pdu: '07912143658709F1040B918100551512F2FF00111010214365000AE8329BFD4697D9EC37',
      smsc: '+12345678901', sender: '+18005551212', timestamp: '2011-01-01T12:34:56+00:00', text: 'hellohello',
    },
    {
      name: 'pdu3 with the more-messages bit clear',
      pdu: '07912143658709F1000B918100551512F20000111010214365000AE8329BFD4697D9EC37',
      smsc: '+12345678901', sender: '+18005551212', timestamp: '2011-01-01T12:34:56+00:00', text: 'hellohello',
    },
    {
      name: 'pdu3 with a national sender (TOA 0x81, no +)',
      pdu: '07912143658709F1040B818100551512F20000111010214365000AE8329BFD4697D9EC37',
      smsc: '+12345678901', sender: '18005551212', timestamp: '2011-01-01T12:34:56+00:00', text: 'hellohello',
    },
    {
      name: 'dcs F1 (group F, GSM 7-bit, class 1), 160 septets with CR LF',
      pdu: '07913306091093F0040485810000F111604231805180A049B7F90D9A1AA5A01668F8769BD3E4B29B9E2EB359A03FC85D06A9C3ED707A0EA2CBC3EE79BB4CA7CBCBA05643617DA7C76990FD4D979741EE77DD5E0ED741ED371D442E83E0E1F9BC0CD281E677D9B84C06C1DF7539E85C9097E520FB9B2E2F83C6EF369C5E064D8D52D0BC2E07DDEF77D7DC2C7799E5A0771D040FCB41F402BB0047BFDD6550B80ECAD966',
      smsc: '+33609001390', sender: '1800', timestamp: '2011-06-24T13:08:15+02:00',
      text: 'Info SFR - Confidentiel, à ne jamais transmettre -\r\nVoici votre nouveau mot de passe : sw2ced pour gérer votre compte SFR sur www.sfr.fr ou par téléphone au 963',
    },
  ])('$name', ({ pdu, smsc, sender, timestamp, text }) => {
    expect(decodeDeliver(pdu)).toMatchObject({ smsc, sender, timestamp, text });
  });

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

  it('a user data length beyond the data is an error, not a short text', () => {
    expect(() => decodeDeliver('07912143658709F1040B918100551512F20000111010214365000BE8329BFD4697D9EC37')).toThrow(CodecError);
  });

  it('KPN welcome: 16-bit concatenation reference (IEI 0x08)', () => {
    const sms = decodeDeliver(
      '07911356131313F64004850120390011609232239180A006080400100201D7327BFD6EB340E2321BF46E83EA7790F59D1E97DBE1341B442F83C465763D3DA797E56537C81D0ECB41AB59CC1693C16031D96C064241E5656838AF03A96230982A269BCD462917C8FA4E8FCBED709A0D7ABBE9F6B0FB5C7683D27350984D4FABC9A0B33C4C4FCF5D20EBFB2D079DCB62793DBD06D9C36E50FB2D4E97D9A0B49B5E96BBCB',
    );
    expect(sms).toMatchObject({ smsc: '+31653131316', sender: '1002', timestamp: '2011-06-29T23:32:19+02:00', concat: { ref: 0x0010, total: 2, seq: 1 } });
    expect(sms.text).toBe('Welkom, bel om uw Voicemail te beluisteren naar +31612001233 (PrePay: *100*1233#). Voicemail ontvangen is altijd gratis. Voor gebruik van mobiel interne');
  });

  it('two parts of one message with an 8-bit reference, in order', () => {
    const one = decodeDeliver('07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB0C9297E1F2F2BCECA6CF41');
    const two = decodeDeliver('07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D44479741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10');
    expect(one).toMatchObject({ sender: '+16175046925', timestamp: '2012-04-25T19:56:50-04:00', concat: { ref: 0x4c, total: 2, seq: 1 } });
    expect(two).toMatchObject({ smsc: '+12063130026', timestamp: '2012-04-25T19:56:51-04:00', concat: { ref: 0x4c, total: 2, seq: 2 } });
    expect(one.text + two.text).toBe('This is a very long test designed to exercise multi part capability. It should show up as one message, not as two, as the underlying encoding represents that the parts are related to one another. ');
  });

  it('a SUBMIT stored on the SIM by us (status report requested, no validity period)', () => {
    expect(decodePdu('002100098136397339F70008224F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60')).toMatchObject({
      type: 'submit', to: '639337937', text: '你好你好你好你好你好你好你好你好你',
    });
  });

  it('a status report from Movistar ES', () => {
    expect(decodeStatusReport('07914356060013F1065A098136397339F7219011700463802190117004638030')).toEqual({
      type: 'status-report', smsc: '+34656000311', reference: 0x5a, recipient: '639337937',
      timestamp: '2012-09-11T07:40:36+02:00', discharged: '2012-09-11T07:40:36+02:00', status: 0x30, delivery: 'pending',
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
