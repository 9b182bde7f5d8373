/**
 * +CUSD answers as real modems printed them, published by other projects, with the text each must
 * decode to. `options` is how the capturing tool had the modem set up (its CSCS, or Huawei packed
 * hex). Where a source only published the transcript, the expected text was read independently
 * (UCS2 as UTF-16BE, septets by the TS 23.038 table) and agrees with what the source's tool shows.
 */
import type { UssdStatus } from '../../src/codec/ussd.js';
import type { UssdDecodeOptions } from '../../src/codec/ussd-text.js';

export interface UssdVector {
  source: string;
  line: string;
  options: UssdDecodeOptions;
  status: UssdStatus;
  text: string | null;
}

const SAFARICOM_MENU = 'Internet Options:\n1:KulaHappy\n2:Quick Links\n3:Daily Internet Bundles\n4:Data Bundles\n5:Unlimited Bundles\n6:Browse at 2/- \n98:MORE';

export const USSD_VECTORS: UssdVector[] = [
  // gammu tests/at-ussd: transcripts from users' modems.
  {
    source: 'gammu at-ussd 01-E160: Huawei E160 packed hex without quotes, a damaged capture',
    line: '+CUSD: 0, 49B41C74ACD3D16171D90D66666666666666666666B45CAC76C3CD6CB41B2D060389CB74F9FE4C07DD5CB91AA85897BF1B',
    options: { packed: true }, status: 'answer', text: 'Ihr Guthaben¿LΘ3fLΘ3fLΘ34915783647410 beträgt 7.95 Euro',
  },
  {
    source: 'gammu at-ussd 02-E160: Huawei E160 packed hex, CR padding dropped (TS 23.038 §6.1.2.3.1)',
    line: '+CUSD: 0,"49B41C74ACD3D16171D90D32FBE52072BA0C72CA5DB45CAC76C3CD6CB41B2D060389CB74F9FE4C07D55C371CA85897BF1B",15',
    options: { packed: true }, status: 'answer', text: 'Ihr Guthaben für die Nr.4915783647410 beträgt 5.78 Euro',
  },
  {
    source: 'gammu at-ussd 03: GSM codes under CSCS "GSM" ({ is ä)',
    line: '+CUSD: 1,"Kontostand: 3.00 EUR Bitte w{hlen Sie: 1 Konto aufladen 2 CallNow Transfer"',
    options: { cscs: 'GSM' }, status: 'further-action', text: 'Kontostand: 3.00 EUR Bitte wählen Sie: 1 Konto aufladen 2 CallNow Transfer',
  },
  {
    source: 'gammu at-ussd 04: the network ends the session with a text (m=2, DCS 0)',
    line: '+CUSD: 2,"Maaf, permintaan Anda tidak dapat kami proses. Silakan coba beberapa saat lagi.",0',
    options: { cscs: 'GSM' }, status: 'terminated', text: 'Maaf, permintaan Anda tidak dapat kami proses. Silakan coba beberapa saat lagi.',
  },
  {
    source: 'gammu at-ussd H-issue-hex-8bit: septets as hex (DCS 0) although the tool had set CSCS "UCS2"',
    line: '+CUSD: 1,"536973612070756C73612052702E333030302E416B7469662073642032362F30322F323032302E0A4B6F6E74656E20526961204D6972616E64612026205261696820556D726F682E5270323230302F534D532F32487220736C6D2031383048720A312E59410A322E43656B204B756F74610A333E4E656C706F6E0A342E496E7465726E65740A352E4C61696E6E79610A",0',
    options: { cscs: 'UCS2' }, status: 'further-action',
    text: 'Sisa pulsa Rp.3000.Aktif sd 26/02/2020.\nKonten Ria Miranda & Raih Umroh.Rp2200/SMS/2Hr slm 180Hr\n1.YA\n2.Cek Kuota\n3>Nelpon\n4.Internet\n5.Lainnya\n',
  },
  {
    source: 'gammu at-ussd Uissue358-Quectel_M35: UCS2 hex under CSCS "UCS2" with DCS 15',
    line: '+CUSD: 2,"00480061007600690020006B0065007200650074003A0020003000460074002E002000460065006C007400F6006C007400F60074007400200065006700790065006E006C00650067003A0020003700370037003700460074002C002800650062006200F6006C0020007600E0007300E00072006C00E000730072006100200069007300200066006F0072006400EC007400680061007400F2003A00200037003700370037004600740029002E0020004400EC006A00630073006F006D00610067003A002000420065006E0063007300F200200041002E00200055006A002000540065006C0065006B006F006D002000F6006E006B00690073007A006F006C006700E0006C00F2003A0020002A0031003100310023",15',
    options: { cscs: 'UCS2' }, status: 'terminated',
    text: 'Havi keret: 0Ft. Feltöltött egyenleg: 7777Ft,(ebböl vàsàrlàsra is fordìthatò: 7777Ft). Dìjcsomag: Bencsò A. Uj Telekom önkiszolgàlò: *111#',
  },
  {
    source: 'gammu at-ussd issue109-E3276: Cyrillic UCS2, DCS 72',
    line: '+CUSD: 0,"0414043B044F00200441043F044004300432043A04380020043E002004310430043B0430043D044104350020043D04300431043504400438044204350020002A0031003000350023002E002004230441043B0443043304300020043104350441043F043B04300442043D0430002E",72',
    options: { cscs: 'GSM' }, status: 'answer', text: 'Для справки о балансе наберите *105#. Услуга бесплатна.',
  },
  {
    source: 'gammu at-ussd issue178-dell: plain text with runs of spaces',
    line: '+CUSD: 0,"On DATA Pack u have 3Gb 817Mb 169kb valid until 21/05/2016   upto time of data recharge done by u.",15',
    options: { cscs: 'GSM' }, status: 'answer', text: 'On DATA Pack u have 3Gb 817Mb 169kb valid until 21/05/2016   upto time of data recharge done by u.',
  },
  {
    source: 'gammu at-ussd issue377-HE910-D: DCS 17 (language prefix "ar"), NUL and buffer garbage after the text',
    line: '+CUSD: 2,"613906310635064A062F06430020003100300037002E003900330020062F002E0644060C06270644063506440627062D064A0629002000200032003000310038002D00310031002D003000390000FFFF60B16260EEEEFFFFFFFFFFFFFFFFFFFF60B16260EEEEFFFFFFFFFFFFFFFFFFFF60B16260EEEEFFFF00A962600000000000000000EE000000000000000000000068B5626058655F60",17',
    options: { cscs: 'GSM' }, status: 'terminated', text: 'رصيدك 107.93 د.ل،الصلاحية  2018-11-09',
  },
  {
    source: 'gammu tests/atgen/smsd-incoming-ussd (issue #464): UCS2 hex under CSCS "UCS2", DCS 15',
    line: '+CUSD: 0,"0076006F00740072006500200072006500710075006500740065002000650073007400200065006E00200063006F0075007200730020006400650020007400720061006900740065006D0065006E0074002E00200076006500750069006C006C0065007A0020006C0069007200650020006C00650020006D00650073007300610067006500200070006C0075007300200074006100720064002E",15',
    options: { cscs: 'UCS2' }, status: 'answer', text: 'votre requete est en cours de traitement. veuillez lire le message plus tard.',
  },
  // asterisk chan_dongle test/test.c (Huawei sticks print packed hex).
  { source: 'chan_dongle test_parse_cusd: packed hex, DCS 0, CR padding', line: '+CUSD: 0,"CF2135487D2E4130572D0682BB1A",0', options: { packed: true }, status: 'answer', text: 'OCTATOK 0.51 p.' },
  { source: 'chan_dongle test_parse_cusd: the same text asking for more (m=1, DCS 1)', line: '+CUSD: 1,"CF2135487D2E4130572D0682BB1A",1', options: { packed: true }, status: 'further-action', text: 'OCTATOK 0.51 p.' },
  { source: 'chan_dongle test_parse_cusd: network time-out (m=5)', line: '+CUSD: 5', options: { packed: true }, status: 'network-timeout', text: null },
  // pmoerenhout/atcommander UnstructuredSupplementaryServiceDataUnsolicitedTest.
  { source: 'atcommander: bare m=1', line: '+CUSD: 1', options: { cscs: 'GSM' }, status: 'further-action', text: null },
  { source: 'atcommander: m=2 with a text and no DCS', line: '+CUSD: 2,"Welcome"', options: { cscs: 'GSM' }, status: 'terminated', text: 'Welcome' },
  {
    source: 'atcommander: KPN balance with decimal commas',
    line: '+CUSD: 0,"Beste klant, uw huidige tegoed is 0,1 euro. Uw extra bonustegoed is 0 euro. Groet, KPN",15',
    options: { cscs: 'GSM' }, status: 'answer', text: 'Beste klant, uw huidige tegoed is 0,1 euro. Uw extra bonustegoed is 0 euro. Groet, KPN',
  },
  {
    source: 'atcommander: KPN answer ending in CR inside the quotes',
    line: '+CUSD: 0,"Beste klant, wij zijn op 12 februari gestopt met deze bundel. Kijk op kpn.com/bundels voor meer informatie. Groet, KPN.\r",15',
    options: { cscs: 'GSM' }, status: 'answer', text: 'Beste klant, wij zijn op 12 februari gestopt met deze bundel. Kijk op kpn.com/bundels voor meer informatie. Groet, KPN.\r',
  },
  // mudita/MuditaOS module-cellular tests (Polish networks).
  {
    source: 'MuditaOS unittest_URC stream: Play balance with commas and dates',
    line: '+CUSD: 0,"Pozostalo Ci 24,84zl do wykorzystania do 2021-02-18 23:59:59. Dodatkowo w ramach srodkow promocyjnych masz 0,00 zl do wykorzystania do 2020-12-30 23:59:59.",15',
    options: { cscs: 'GSM' }, status: 'answer',
    text: 'Pozostalo Ci 24,84zl do wykorzystania do 2021-02-18 23:59:59. Dodatkowo w ramach srodkow promocyjnych masz 0,00 zl do wykorzystania do 2020-12-30 23:59:59.',
  },
  {
    source: 'MuditaOS unittest_URC stream: Play 24 menu across lines, DCS 0',
    line: '+CUSD: 1,"Play 24 Menu\r\n1 Konto\r\n2 Uslugi / Promocje\r\n0 Wyjscie\r\nWiecej opcji znajdziesz w Play24 na http://24.play.pl",0',
    options: { cscs: 'GSM' }, status: 'further-action',
    text: 'Play 24 Menu\r\n1 Konto\r\n2 Uslugi / Promocje\r\n0 Wyjscie\r\nWiecej opcji znajdziesz w Play24 na http://24.play.pl',
  },
  // FrontlineSMS smslib CATHandlerTest (Safaricom, Kenya).
  { source: 'FrontlineSMS CATHandlerTest: Safaricom internet menu', line: `+CUSD: 1,"${SAFARICOM_MENU}",15`, options: { cscs: 'GSM' }, status: 'further-action', text: SAFARICOM_MENU },
  {
    source: 'FrontlineSMS CATHandlerTest: bundle menu with a thousands comma',
    line: '+CUSD: 1,"Please select:\n1:To Check Balance\n2:50 MB (at Ksh 100)\n3:200 MB (at Ksh 250)\n4:500 MB (at Ksh 499)\n5:1.5 GB (at Ksh 999)\n6:3 GB (at Ksh 1,999)\n98:MORE",15',
    options: { cscs: 'GSM' }, status: 'further-action',
    text: 'Please select:\n1:To Check Balance\n2:50 MB (at Ksh 100)\n3:200 MB (at Ksh 250)\n4:500 MB (at Ksh 499)\n5:1.5 GB (at Ksh 999)\n6:3 GB (at Ksh 1,999)\n98:MORE',
  },
  {
    source: 'FrontlineSMS CATHandlerTest: an invalid choice redraws the menu',
    line: '+CUSD: 1,"Invalid choice. Try again.\n1:Soccer Updates\n2:GMail\n3:Facebook\n4:Twitter\n5:DSTV Mobile\n6:Safaricom Live\n7:You Tube",15',
    options: { cscs: 'GSM' }, status: 'further-action',
    text: 'Invalid choice. Try again.\n1:Soccer Updates\n2:GMail\n3:Facebook\n4:Twitter\n5:DSTV Mobile\n6:Safaricom Live\n7:You Tube',
  },
  { source: 'FrontlineSMS CATHandlerTest: service unavailable (m=0)', line: '+CUSD: 0,"The service you requested is currently not available.",15', options: { cscs: 'GSM' }, status: 'answer', text: 'The service you requested is currently not available.' },
  { source: 'FrontlineSMS CATHandlerTest: balance with a space before the DCS', line: '+CUSD: 2,"Current balance is #1.40", 0', options: { cscs: 'GSM' }, status: 'terminated', text: 'Current balance is #1.40' },
  { source: 'FrontlineSMS CATHandlerTest: menu retries exhausted', line: '+CUSD: 2,"Max Number of Menu Retries is Reached",15', options: { cscs: 'GSM' }, status: 'terminated', text: 'Max Number of Menu Retries is Reached' },
  { source: 'FrontlineSMS CATHandlerTest: the outcome will come by SMS', line: '+CUSD: 2,"You will receive an SMS confirmation message shortly",15', options: { cscs: 'GSM' }, status: 'terminated', text: 'You will receive an SMS confirmation message shortly' },
  {
    source: 'FrontlineSMS CATHandlerTest: balance check acknowledged',
    line: '+CUSD: 2,"We have received the request. Please wait while we check your balance. Thank you for choosing Safaricom the better option.",15',
    options: { cscs: 'GSM' }, status: 'terminated',
    text: 'We have received the request. Please wait while we check your balance. Thank you for choosing Safaricom the better option.',
  },
  { source: 'FrontlineSMS CATHandlerTest: operation not supported (m=4)', line: '+CUSD: 4', options: { cscs: 'GSM' }, status: 'not-supported', text: null },
  // Others.
  { source: 'a modem tool regex test: UCS2 with spaces around the DCS', line: '+CUSD: 1,"0031", 72', options: { cscs: 'GSM' }, status: 'further-action', text: '1' },
  { source: 'a Vietnamese gateway test (GsmModemService): subscriber number menu', line: '+CUSD: 1,"TB :0812345678",15', options: { cscs: 'GSM' }, status: 'further-action', text: 'TB :0812345678' },
  { source: 'a Vietnamese gateway test (GsmModemService): main balance', line: '+CUSD: 0,"TK chinh=100 VND",15', options: { cscs: 'GSM' }, status: 'answer', text: 'TK chinh=100 VND' },
  { source: 'an Algerian transfer test (SerialModemPort): confirmation prompt', line: '+CUSD: 1,"VOUS VOULEZ TRANSFERER 10000 DA",15', options: { cscs: 'GSM' }, status: 'further-action', text: 'VOUS VOULEZ TRANSFERER 10000 DA' },
];
