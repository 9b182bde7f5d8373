/**
 * SMS-SUBMIT, SMS-STATUS-REPORT and 8-bit PDUs from public test suites, as decodePdu must read
 * them (what a SIM holds besides received messages: our own stored submits, status reports, WAP
 * pushes), and PDUs that must be refused. TPDUs published without an SMSC field carry the empty
 * SMSC prefix `00`, as modems print them. Each `expect` holds what the source asserts.
 */
export interface PduVector {
  source: string;
  pdu: string;
  expect: Record<string, unknown>;
}

const LOREM =
  'Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.Ut enim ad minim veniam, quinostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.Duis aute irure dolor in reprehenderit in voluptate velit esse cillum doloe eu fugiat nulla pariatur.Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum';

/** The GSM 7-bit default alphabet in code order, the escape (0x1B) replaced by a space as in oFono's PDU. */
const DEFAULT_ALPHABET_TEXT =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

export const PDU_VECTORS: PduVector[] = [
  // SMS-SUBMIT
  { source: 'oFono test-sms simple_submit: relative validity 0xAA', pdu: '0011000B916407281553F80000AA0AE8329BFD4697D9EC37', expect: { type: 'submit', to: '+46708251358', text: 'hellohello' } },
  {
    source: 'oFono test-sms EMS UDH 1: five text-format elements skipped, fill bits after them',
    pdu: '0041000B915121551532F40000631A0A031906200A032104100A032705040A032E05080A043807002B8ACD29A85D9ECFC3E7F21C340EBB41E3B79B1E4EBB41697A989D1EB340E2379BCC02B1C3F27399059AB7C36C3628EC2683C66FF65B5E2683E8653C1D',
    expect: { type: 'submit', to: '+15125551234', text: 'EMS messages can contain italic, bold, large, small and colored text', concat: null },
  },
  {
    source: 'oFono test-sms EMS UDH 2: seven text-format elements, SMSC present',
    pdu: '079194712272303351030B915121340195F60000FF80230A030F07230A031806130A031E0A430A032E0D830A033D14020A035104F60A0355010600159D9E83D2735018442FCFE98A243DCC4E97C92C90F8CD26B3407537B92C67A7DD65320B1476934173BA3CBD2ED3D1F277FD8C76299CEF3B280C92A7CF683A28CC4E9FDD6532E8FE96935D',
    expect: { type: 'submit', text: 'This is a test\nItalied, bold, underlined, and strikethrough.\nNow a right aligned word.' },
  },
  { source: 'oFono test-sms prepare_7bit', pdu: '079153485002020911000C915348870420140000A71154747A0E4ACF41F4F29C9E769F4121', expect: { type: 'submit', to: '+358478400241', text: 'This is testing !' } },
  {
    source: 'oFono test-sms charset default: the whole alphabet in code order',
    pdu: '0001000B915310101010100000808080604028180E888462C168381E90886442A9582E988C06C4E9783EA09068442A994EA8946AC56AB95EB0986C46ABD96EB89C6EC7EBF97EC0A070482C1A8FC8A472C96C3A9FD0A8744AAD5AAFD8AC76CBED7ABFE0B0784C2E9BCFE8B47ACD6EBBDFF0B87C4EAFDBEFF8BC7ECFEFFBFF',
    expect: { type: 'submit', encoding: 'gsm7', text: DEFAULT_ALPHABET_TEXT },
  },
  { source: 'oFono test-sms charset default extension table', pdu: '0001000B915310101010100000151BC58602DAA036A9CD6BC3DBF436BE0D705306', expect: { type: 'submit', text: '\f^ {}\\[~]|€' } },
  { source: 'python-gsmmodem test_pdu: relative validity, SMSC', pdu: '07911326040000F0310D0B911326880736F40000A90FF7FBDD454E87CDE1B0DB357EB701', expect: { type: 'submit', to: '+31628870634', text: 'www.diafaan.com', encoding: 'gsm7' } },
  { source: 'python-gsmmodem test_pdu: UCS2', pdu: '07914346466554F601000B914316565811F9000806304253F68449', expect: { type: 'submit', to: '+34616585119', text: 'あ叶葉', encoding: 'ucs2' } },
  { source: 'python-gsmmodem test_pdu: 8-bit data', pdu: '0591721891F101000B917228214365F700040C48656C6C6F20776F726C6421', expect: { type: 'submit', to: '+27821234567', text: 'Hello world!', encoding: '8bit' } },
  { source: 'python-gsmmodem test_pdu: absolute validity period', pdu: '0019000B917228001011F100003170013193008017D474BB3CA787DB70903DCC4E93D3F43C885E9ED301', expect: { type: 'submit', to: '+27820001111', text: 'Timestamp validity test' } },
  { source: 'python-gsmmodem test_encodeSmsSubmit: UCS2, one year validity, SMSC', pdu: '07914400000000F01100099121436587F90008F40A4E16754C60A8597DFF01', expect: { type: 'submit', to: '+123456789', text: '世界您好！' } },
  { source: 'python-gsmmodem test_encodeSmsSubmit: national numbers', pdu: '04A12143F5310D0AA110624521430000A91BD4F29C0E6A97E7F3F0B9AC03B1DFE3301BE4AEB7C565F91C', expect: { type: 'submit', to: '0126541234', text: 'Test message: local numbers' } },
  {
    source: 'python-gsmmodem test_encodeSmsSubmit_concatenated 1/3',
    pdu: '0045000B915121551532F40000A0050003000301986F79B90D4AC3E7F53688FC66BFE5A0799A0E0AB7CB741668FC76CFCB637A995E9783C2E4343C3D4F8FD3EE33A8CC4ED359A079990C22BF41E5747DDE7E9341F4721BFE9683D2EE719A9C26D7DD74509D0E6287C56F791954A683C86FF65B5E06B5C36777181466A7E3F5B0AB4A0795DDE936284C06B5D3EE741B642FBBD3E1360B14AFA7DD',
    expect: { type: 'submit', to: '+15125551234', text: LOREM.slice(0, 153), concat: { ref: 0, total: 3, seq: 1 } },
  },
  {
    source: 'python-gsmmodem test_encodeSmsSubmit_concatenated 2/3',
    pdu: '0045000B915121551532F40000A0050003000302DE73BABC4E0695F165F9384D0FD3D36F37A8CE6687DBE337881D16BFE5E939C89D9EA741753A28CC4EC7EB6938A88C0795C3A0F1BBDD7E93DFA0F1DB3D2FC7EB61BA8B584FCF41E13ABD0C4ACBEBF23288FC66BFE5A0B41B242FC3E56574D94D2ECBD37450DA0DB2BFD975383D4C2F83EC65769A0E2ACFE765D038CD66D7DB20F29BFD2E83CA',
    expect: { type: 'submit', text: LOREM.slice(153, 306), concat: { ref: 0, total: 3, seq: 2 } },
  },
  {
    source: 'python-gsmmodem test_encodeSmsSubmit_concatenated 3/3',
    pdu: '0045000B915121551532F400008C050003000303EA2073FD9C0ED341EE3A9B1D06C1C3F274985E97BB8AF871194E2FD7E5A079DA4D07BDC7E370791CA683C675789A1CA687E920F7DB0D82CBDF6972D94D6781E675371D947683C675363C0C8AD7D3A0B7D99C1EA7C32072795E96D7DD7450FBCD66A7E9A0B03BDD06A5C9A0F29C0E6287C56F79BD0D',
    expect: { type: 'submit', text: LOREM.slice(306), concat: { ref: 0, total: 3, seq: 3 } },
  },
  { source: 'FrontlineSMS CATHandlerTest: the dreamfabric example', pdu: '07915892000000F001000B915892214365F7000021493A283D0795C3F33C88FE06CDCB6E32885EC6D341EDF27C1E3E97E72E', expect: { type: 'submit', to: '+85291234567', text: 'It is easy to send text messages.' } },
  { source: 'warthog618/sms smsdecode_test: submit', pdu: '00010005912143F500000BC8329BFD06DDDF723619', expect: { type: 'submit', to: '+12345', text: 'Hello world' } },
  { source: 'warthog618/sms smsdecode_test: submit pdumode', pdu: '07911614220991F1010005912143F500000BC8329BFD06DDDF723619', expect: { type: 'submit', to: '+12345', text: 'Hello world' } },
  // SMS-STATUS-REPORT
  { source: 'oFono test-sms status report assembly: mr 4', pdu: '0006040D91945152991136F00160124130340A0160124130940A00', expect: { type: 'status-report', reference: 4, recipient: '+4915259911630', delivery: 'delivered' } },
  { source: 'oFono test-sms status report assembly: mr 5', pdu: '0006050D91945152991136F00160124130640A0160124130450A00', expect: { type: 'status-report', reference: 5, recipient: '+4915259911630', delivery: 'delivered' } },
  { source: 'oFono test-sms status report assembly: national address, mr 6', pdu: '000606098121436587F9019012413064A0019012413045A000', expect: { type: 'status-report', reference: 6, recipient: '123456789', delivery: 'delivered' } },
  { source: 'python-gsmmodem test_pdu: status report', pdu: '0006D60B911326880736F4111011719551401110117195714000', expect: { type: 'status-report', reference: 214, recipient: '+31628870634' } },
  // TP-ST other than 0, and the optional parameters after it (TP-PI, TP-PID, TP-DCS, TP-UD), from
  // warthog618/sms encoding/tpdu/tpdu_test.go (bare TPDUs; the empty SMSC octet put in front).
  // 0xAB is a reserved value with bit 7 set: past 0x40, the service centre gave up.
  {
    source: 'warthog618/sms tpdu_test: SmsStatusReport minimal, ST 0xab',
    pdu: '000242049136195150713220052351408132200542AB',
    expect: { type: 'status-report', reference: 0x42, recipient: '+6391', timestamp: '2015-05-17T23:02:50+08:00', discharged: '2015-04-18T23:02:50+06:00', status: 0xab, delivery: 'failed', statusText: 'not delivered, no more attempts (TP-ST 0xab)' },
  },
  { source: 'warthog618/sms tpdu_test: SmsStatusReport pid (TP-PI 01 then TP-PID)', pdu: '000242049136195150713220052351408132200542AB0189', expect: { type: 'status-report', reference: 0x42, status: 0xab, delivery: 'failed' } },
  { source: 'warthog618/sms tpdu_test: SmsStatusReport ud (TP-PI 06, TP-DCS, TP-UD "report")', pdu: '000242049136195150713220052351408132200542AB060406726570 6F7274'.replace(' ', ''), expect: { type: 'status-report', reference: 0x42, recipient: '+6391', delivery: 'failed' } },
  // SMS-SUBMIT with TP-SRR: babca/python-gsmmodem test/test_pdu.py test_encodeSmsSubmit, the local-number
  // vector encoded with requestStatusReport=True (first octet 0x31), 3 days' validity (0xA9), MR 13.
  {
    source: 'python-gsmmodem (babca) test_encodeSmsSubmit: local number, status report requested',
    pdu: '04A12143F5310D0AA110624521430000A91BD4F29C0E6A97E7F3F0B9AC03B1DFE3301BE4AEB7C565F91C',
    expect: { type: 'submit', to: '0126541234', text: 'Test message: local numbers', statusReport: true },
  },
  { source: 'python-gsmmodem (babca) test_encodeSmsSubmit: UCS2, no status report (0x11)', pdu: '07914400000000F01100099121436587F90008F40A4E16754C60A8597DFF01', expect: { type: 'submit', to: '+123456789', text: '世界您好！', statusReport: false } },
  {
    source: 'python-gsmmodem test_pdu: semi-invalid status report from a ZTE modem',
    pdu: '0297F1061C0F910B487228297020F5317062419272803170624192138000',
    expect: { type: 'status-report', reference: 28, timestamp: '2013-07-26T14:29:27+02:00', discharged: '2013-07-26T14:29:31+02:00' },
  },
  // 8-bit data with application ports (WAP push): read without error, never as text commands.
  {
    source: 'oFono test-sms WAP push 1: 16-bit ports skipped as an unknown element',
    pdu: '0791947122725014440185F039F501801140311480720605040B8423F00106246170706C69636174696F6E2F766E642E7761702E6D6D732D6D65737361676500AF84B4868C82984F67514B4B42008D9089088045726F74696B009650696E2D557073008A808E0240008805810303F48083687474703A2F2F657073332E64652F4F2F5A39495A4F00',
    expect: { type: 'deliver', encoding: '8bit', concat: null },
  },
  {
    source: 'AOSP GsmSmsTest testUdh 1/2: ports and an 8-bit concatenation reference',
    pdu: '07914140279510F6440A8111110301003BF56080207130138A8C0B05040B8423F000032A02010106276170706C69636174696F6E2F766E642E7761702E6D6D732D6D65737361676500AF848D0185B4848C8298524E453955304A6D713551414142666C414141414D7741414236514141414141008D908918802B31353132323937373638332F545950453D504C4D4E008A808E022B918805810306977F83687474703A2F2F36',
    expect: { type: 'deliver', encoding: '8bit', concat: { ref: 42, total: 2, seq: 1 } },
  },
  {
    source: 'AOSP GsmSmsTest testUdh 2/2',
    pdu: '07914140279510F6440A8111110301003BF56080207130238A3B0B05040B8423F000032A0202362E3130322E3137312E3135302F524E453955304A6D713551414142666C414141414D774141423651414141414100',
    expect: { type: 'deliver', encoding: '8bit', concat: { ref: 42, total: 2, seq: 2 } },
  },
  // A long UCS2 message in three parts, as oFono's test_assembly reassembles it.
  {
    source: 'oFono test-sms assembly 1/3: UCS2, class 1, 8-bit reference 30',
    pdu: '038121F340048155550119906041001222048C0500031E0301041804420430043A002C00200410043B0435043A04410430043D04340440002000200441043B044304480430043B00200437043000200434043204350440044C044E0020002004380020002004320441043500200431043E043B044C044804350020043F0440043504380441043F043E043B043D044F043B0441044F002000200433043D0435',
    expect: { type: 'deliver', sender: '5555', concat: { ref: 30, total: 3, seq: 1 }, text: 'Итак, Александр  слушал за дверью  и  все больше преисполнялся  гне', truncated: false },
  },
  {
    source: 'oFono test-sms assembly 2/3',
    pdu: '038121F340048155550119906041001222048C0500031E03020432043E043C002E000A041D0430043A043E043D04350446002C0020043D043500200432002004410438043B04300445002004340430043B043504350020044204350440043F04350442044C002C0020043E043D00200441044204400435043C043804420435043B044C043D043E002004320431043504360430043B002004320020043A043E',
    expect: { type: 'deliver', concat: { ref: 30, total: 3, seq: 2 }, text: 'вом.\nНаконец, не в силах далее терпеть, он стремительно вбежал в ко' },
  },
  {
    source: 'oFono test-sms assembly 3/3',
    pdu: '038121F340048155550119906041001222044A0500031E0303043C043D043004420443002C0020043F043E043704300431044B0432000A0434043004360435002C002004470442043E002000200431044B043B0020043D04300433002E',
    expect: { type: 'deliver', concat: { ref: 30, total: 3, seq: 3 }, text: 'мнату, позабыв\nдаже, что  был наг.' },
  },
];

/**
 * PDUs that bend the letter of TS 23.040 the way real senders do, read as other decoders read them.
 * A user data length beyond the data: python-gsmmodem's test_decode reads the UCS2 one ("User data
 * length is invalid in this PDU (too long)") and expects its text; ModemManager and warthog618/sms
 * refuse theirs. Ours decodes what is there and says `truncated` — the intake keeps such a message
 * raw and never runs it, which is what refusing it would have done.
 */
export const LENIENT_PDU_VECTORS: PduVector[] = [
  {
    source: 'python-gsmmodem test_decode: UCS2 SUBMIT whose UDL (160) is longer than its 10 octets',
    pdu: '0041010C910661345542F60008A0050003000301306F3044',
    expect: { type: 'submit', to: '+60164355246', text: 'はい', concat: { ref: 0, total: 3, seq: 1 }, truncated: true },
  },
  {
    source: 'ModemManager test_pdu_insufficient_data: 11 septets promised, 10 present (ModemManager refuses it)',
    pdu: '07912143658709F1040B918100551512F20000111010214365000BE8329BFD4697D9EC37',
    expect: { type: 'deliver', sender: '+18005551212', text: 'hellohello', truncated: true },
  },
  {
    source: 'warthog618/sms smsdecode_test: user data shorter than its length (warthog618 refuses it)',
    pdu: '00010005912143F500000BC8329BFD06DDDF7236',
    expect: { type: 'submit', to: '+12345', text: 'Hello worl', truncated: true },
  },
  {
    source: 'python-gsmmodem test_decode: Megafon UCS2 part whose UDL is exactly its data (not truncated)',
    pdu: '07919762020033F1400DD0CDF2396C7EBB010008415072411084618C0500035602010053004D005300200063006F00640065003A00200034003800350036002C00200063006F006E006600690072006D006100740069006F006E0020006F00660020006100730073006F00630069006100740069006F006E0020006200650074007700650065006E0020006100630063006F0075006E007400200061006E00640020004D00650067',
    expect: { type: 'deliver', sender: 'Megafon', text: 'SMS code: 4856, confirmation of association between account and Meg', concat: { ref: 0x56, total: 2, seq: 1 }, truncated: false },
  },
  // A header element the sender got wrong is ignored; the elements before it and the text count.
  // warthog618/sms's ConcatInfo ignores a concatenation element of the wrong size ("short concat8");
  // AOSP's SmsHeader reads on past an element that overruns the header. Both are AOSP's testUdh
  // part 1/2 with its header changed as said.
  {
    source: 'AOSP testUdh 1/2, its two elements swapped and the port element one octet too long: the port element ignored, the concatenation kept',
    pdu: '07914140279510F6440A8111110301003BF56080207130138A8C0B00032A020105050B8423F00106276170706C69636174696F6E2F766E642E7761702E6D6D732D6D65737361676500AF848D0185B4848C8298524E453955304A6D713551414142666C414141414D7741414236514141414141008D908918802B31353132323937373638332F545950453D504C4D4E008A808E022B918805810306977F83687474703A2F2F36',
    expect: { type: 'deliver', encoding: '8bit', concat: { ref: 42, total: 2, seq: 1 }, truncated: false },
  },
  {
    source: 'AOSP testUdh 1/2 with its concatenation element 2 octets long (warthog618 "short concat8"): that element ignored',
    pdu: '07914140279510F6440A8111110301003BF56080207130138A8B0A05040B8423F000022A020106276170706C69636174696F6E2F766E642E7761702E6D6D732D6D65737361676500AF848D0185B4848C8298524E453955304A6D713551414142666C414141414D7741414236514141414141008D908918802B31353132323937373638332F545950453D504C4D4E008A808E022B918805810306977F83687474703A2F2F36',
    expect: { type: 'deliver', encoding: '8bit', concat: null, truncated: false },
  },
];

/** python-gsmmodem's Test2 DELIVER (13-03-08 15:02:16 +02:00) with its timestamp octets replaced. */
const withTimestamp = (scts: string): string => `06917228195339040B917228214365F70000${scts}05D4F29C2E03`;
/** AOSP's testUdh part 2/2 (concatenation 2A, part 2 of 2) with its part octets replaced. */
const withParts = (totalAndSeq: string): string =>
  `07914140279510F6440A8111110301003BF56080207130238A3B0B05040B8423F000032A${totalAndSeq}362E3130322E3137312E3135302F524E453955304A6D713551414142666C414141414D774141423651414141414100`;

/** The same PDUs with the values that make them valid, so the refusals below are about those values alone. */
export const VALID_CONTROLS: PduVector[] = [
  { source: 'python-gsmmodem Test2 dated 29 February 2024 (a leap year)', pdu: withTimestamp('42209251206180'), expect: { timestamp: '2024-02-29T15:02:16+02:00', text: 'Test2' } },
  { source: 'python-gsmmodem Test2 dated 30 June', pdu: withTimestamp('31600351206180'), expect: { timestamp: '2013-06-30T15:02:16+02:00' } },
  { source: 'AOSP testUdh 2/2 as published: part 2 of 2', pdu: withParts('0202'), expect: { concat: { ref: 42, total: 2, seq: 2 } } },
];

/** PDUs that must be refused with a CodecError: the intake keeps them raw and never runs them. */
export const BAD_PDU_VECTORS: Array<{ source: string; pdu: string }> = [
  { source: 'warthog618/sms smsdecode_test: an SMSC field and nothing after it', pdu: '07911614220991' },
  { source: 'ModemManager test_pdu_no_address', pdu: '000ABF00' },
  { source: 'ModemManager test_pdu_wrong_address_size', pdu: '001C011C' },
  { source: 'ModemManager test_pdu_wrong_user_data_elements_size: a header announced, UDL 0', pdu: '004100010100014B00002E' },
  { source: 'ModemManager test_pdu_wrong_udh: a header announced, no user data at all', pdu: '00F101010C0000000000' },
  { source: 'AOSP testUdh 2/2 as part 0 of 2', pdu: withParts('0200') },
  { source: 'AOSP testUdh 2/2 as part 3 of 2', pdu: withParts('0203') },
  { source: 'AOSP testUdh 2/2 as part 1 of 0', pdu: withParts('0001') },
  { source: 'python-gsmmodem Test2 dated month 13', pdu: withTimestamp('31310851206180') },
  { source: 'python-gsmmodem Test2 dated 31 June', pdu: withTimestamp('31601351206180') },
  { source: 'python-gsmmodem Test2 dated 29 February 2023', pdu: withTimestamp('32209251206180') },
  { source: 'python-gsmmodem Test2 at hour 25', pdu: withTimestamp('31308052206180') },
  { source: 'python-gsmmodem Test2 with a minute nibble that is not a digit (0xA)', pdu: withTimestamp('313080512A6180') },
];

/**
 * TPDUs published without the SMSC octet: oFono's test_sr_assembly decodes them with the TPDU
 * length equal to the data's length, which is how oFono tells a bare TPDU from a PDU with an SMSC.
 * The same rule reads them from `+CMGR` (the header's length) or with `pdu decode --no-smsc`.
 */
export const BARE_TPDU_VECTORS: Array<PduVector & { tpduLength: number }> = [
  { source: 'oFono test_sr_assembly sr_pdu1: mr 4', pdu: '06040D91945152991136F00160124130340A0160124130940A00', tpduLength: 26, expect: { type: 'status-report', smsc: null, reference: 4, recipient: '+4915259911630' } },
  { source: 'oFono test_sr_assembly sr_pdu2: mr 5', pdu: '06050D91945152991136F00160124130640A0160124130450A00', tpduLength: 26, expect: { type: 'status-report', reference: 5, recipient: '+4915259911630' } },
  { source: 'oFono test_sr_assembly sr_pdu3: national, zone octet A0', pdu: '0606098121436587F9019012413064A0019012413045A000', tpduLength: 24, expect: { type: 'status-report', reference: 6, recipient: '123456789', timestamp: '2010-09-21T14:03:46+02:30' } },
];
