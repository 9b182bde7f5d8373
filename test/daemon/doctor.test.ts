import { MockBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCarriers } from '../../src/carriers/loader.js';
import { packSeptets, textToSeptets } from '../../src/codec/gsm7.js';
import { bytesToHex } from '../../src/codec/hex.js';
import { encodeUssdRequest } from '../../src/codec/ussd.js';
import { diagnose } from '../../src/daemon/doctor.js';
import { modemOver, openMockPort, scriptModem } from '../helpers/mock-port.js';

afterEach(() => MockBinding.reset());

const ok = (...lines: string[]) => `${lines.map((l) => `\r\n${l}\r\n`).join('')}\r\nOK\r\n`;

/** A Huawei E1xx-like stick: plain-text USSD is refused (+CME ERROR: 304), packed hex is answered in packed hex. */
function huawei(written: string): string {
  const command = written.replace(/\r$/, '');
  const answers: Record<string, string> = {
    'AT+CPIN?': ok('+CPIN: READY'),
    'AT+CGMI': ok('huawei'),
    'AT+CGMM': ok('E173'),
    'AT+CGMR': ok('11.126.85.00.209'),
    'AT+CPMS=?': ok('+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")'),
    'AT+CPMS="SM","SM","SM"': ok('+CPMS: 3,30,3,30,3,30'),
    'AT+CPMS?': ok('+CPMS: "SM",3,30,"SM",3,30,"SM",3,30'),
    'AT+CNMI=?': ok('+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)'),
    'AT+CIMI': ok('284030000000001'),
    'AT+CREG?': ok('+CREG: 0,1'),
    'AT+COPS?': ok('+COPS: 0,2,"28403",2'),
    'AT+CSQ': ok('+CSQ: 9,99'),
    'AT+CUSD=1,"*102#",15': '\r\n+CME ERROR: 304\r\n',
  };
  if (command === `AT+CUSD=1,"${encodeUssdRequest('*102#', 'packed')}",15`) {
    return `${ok()}\r\n+CUSD: 0,"${bytesToHex(packSeptets(textToSeptets('Nalichnost: 3.20 EUR')))}",15\r\n`;
  }
  return answers[command] ?? ok();
}

describe('gsmkeeper doctor', () => {
  it('aModemThatWantsPackedUssdIsToldSo', async () => {
    const port = await openMockPort();
    scriptModem(port, huawei);
    const modem = await modemOver(port);
    const checks = await diagnose({ modem, carriers: loadCarriers(), ussdEncoding: 'text', balanceUssd: '*102#', probeUssd: true });
    expect(checks.map((c) => [c.name, c.outcome])).toEqual([
      ['modem', 'ok'], ['SIM', 'ok'], ['carrier', 'warn'], ['network', 'ok'], ['signal', 'ok'], ['SMS storage', 'ok'], ['reports', 'ok'], ['USSD', 'warn'],
    ]);
    // The E173 lists ds 0–2 (python-gsmmodem's fakemodems): stored, announced by +CDSI.
    expect(checks.find((c) => c.name === 'reports')!.detail).toBe('stored and announced by +CDSI');
    expect(checks[0]!.detail).toBe('answers AT (huawei, E173, 11.126.85.00.209)');
    expect(checks.at(-1)).toMatchObject({ detail: '*102# as packed: "Nalichnost: 3.20 EUR" — read: balance 3.20 EUR', advice: 'set modem.ussdEncoding: packed' });
    expect(checks[2]).toMatchObject({ detail: expect.stringContaining('unconfirmed: recharge *101#{code}#, 15-digit codes'), advice: expect.stringContaining('carrier.codeLengths') });
  });

  it('aBalanceAnswerTheDaemonCannotReadIsAWarningNotATick', async () => {
    const port = await openMockPort();
    scriptModem(port, (written) => (written.startsWith('AT+CUSD=1,"*102#"') ? `${ok()}\r\n+CUSD: 0,"Vashiyat abonament e aktiven.",15\r\n` : huawei(written)));
    const modem = await modemOver(port);
    const checks = await diagnose({ modem, carriers: loadCarriers(), ussdEncoding: 'text', balanceUssd: '*102#', probeUssd: true });
    expect(checks.at(-1)).toMatchObject({ name: 'USSD', outcome: 'warn', detail: '*102# as text: "Vashiyat abonament e aktiven." — read no balance or validity (other)', advice: expect.stringContaining('cannot read a balance') });
  });

  it('factsTheInstallerConfirmedAreNotReportedUnconfirmed', async () => {
    const port = await openMockPort();
    scriptModem(port, huawei);
    const modem = await modemOver(port);
    const checks = await diagnose({ modem, carriers: loadCarriers(), ussdEncoding: 'text', balanceUssd: '*102#', carrierOverrides: { rechargeUssd: '*101#{code}#', codeLengths: [15] }, probeUssd: false });
    expect(checks[2]).toMatchObject({ name: 'carrier', outcome: 'ok', detail: 'Vivacom (284-03 from the IMSI); recharge *101#{code}#, 15 digits; balance *102#' });
  });

  it('aModemThatDoesNotAnswerStopsTheChecksWithAdvice', async () => {
    const port = await openMockPort();
    scriptModem(port, () => undefined);
    const modem = await modemOver(port, { timeouts: { basic: 100 } });
    const checks = await diagnose({ modem, carriers: loadCarriers(), ussdEncoding: 'text', balanceUssd: null, probeUssd: false });
    expect(checks).toEqual([{ name: 'modem', outcome: 'fail', detail: expect.stringMatching(/^no answer to AT/), advice: expect.stringContaining('baud rate') }]);
  });
});
