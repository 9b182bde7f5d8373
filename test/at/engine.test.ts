import { afterEach, describe, expect, it } from 'vitest';
import { MockBinding } from '@serialport/binding-mock';
import { AtEngine } from '../../src/at/engine.js';
import { AtError } from '../../src/at/errors.js';
import { silentLogger } from '../../src/log/logger.js';
import { mockBinding, openMockPort, scriptModem } from '../helpers/mock-port.js';

const FAST = { basic: 150, prompt: 150, send: 500, storage: 300, sim: 300, network: 300 };

async function engineWith(respond: (written: string) => string | undefined | void, options: { echo?: boolean } = {}) {
  const port = await openMockPort(options);
  const writes = scriptModem(port, respond);
  const engine = new AtEngine(port, { logger: silentLogger(), timeouts: FAST });
  return { port, engine, writes };
}

afterEach(() => MockBinding.reset());

describe('AT engine over binding-mock', () => {
  it('urcInTheMiddleOfAResponseReachesItsSubscriberAndTheResponseStaysClean', async () => {
    const { engine } = await engineWith((w) => (w === 'AT+CSQ\r' ? '\r\n+CSQ: 20,0\r\n\r\n+CMTI: "SM",3\r\n\r\nRING\r\n\r\nOK\r\n' : undefined));
    const urcs: string[] = [];
    engine.onUrc('+CMTI:', ([line]) => urcs.push(line!));
    const response = await engine.execute('AT+CSQ', { expect: '+CSQ:' });
    expect(response.lines).toEqual(['+CSQ: 20,0']);
    expect(urcs).toEqual(['+CMTI: "SM",3']);
  });

  it('lateOkAfterTimeoutDoesNotCompleteTheNextCommand', async () => {
    let probeSeen = false;
    const { engine, writes } = await engineWith((w) => {
      if (w === 'ATI\r') return undefined; // no answer: times out
      if (w === 'AT+CMEE?\r' && !probeSeen) {
        probeSeen = true;
        // The timed-out ATI's late OK arrives first; then the probe's own answer.
        return '\r\nOK\r\n\r\n+CMEE: 1\r\n\r\nOK\r\n';
      }
      if (w === 'AT+CMGD=1\r') return '\r\n+CMS ERROR: 321\r\n';
      return undefined;
    });
    await expect(engine.execute('ATI')).rejects.toMatchObject({ code: 'timeout' });
    const next = engine.execute('AT+CMGD=1');
    await expect(next).rejects.toMatchObject({ code: 'cms', cmsCode: 321 });
    expect(writes).toEqual(['ATI\r', 'AT+CMEE?\r', 'AT+CMGD=1\r']);
    expect(engine.stats.staleFinals).toBe(1);
  });

  it('lateOkWithNothingInFlightIsDropped', async () => {
    const { engine, port } = await engineWith(() => undefined);
    mockBinding(port).emitData(Buffer.from('\r\nOK\r\n'));
    await new Promise((r) => setTimeout(r, 20));
    expect(engine.stats.staleFinals).toBe(1);
  });

  it('promptWithoutSpaceStillSendsTheBody', async () => {
    const { engine, writes } = await engineWith((w) => {
      if (w === 'AT+CMGS=12\r') return '\r\n>';
      if (w.endsWith('\x1a')) return '\r\n+CMGS: 42\r\n\r\nOK\r\n';
      return undefined;
    });
    const response = await engine.execute('AT+CMGS=12', { body: '0011AABB', expect: '+CMGS:' });
    expect(response.lines).toEqual(['+CMGS: 42']);
    expect(writes[1]).toBe('0011AABB\x1a');
  });

  it('promptWithSpaceAndEchoedBodyIsNotMistakenForAnswerLines', async () => {
    const { engine } = await engineWith((w) => {
      if (w === 'AT+CMGS=12\r') return 'AT+CMGS=12\r\r\n> ';
      if (w.endsWith('\x1a')) return '0011AABB\x1a\r\n+CMGS: 7\r\n\r\nOK\r\n';
      return undefined;
    });
    expect((await engine.execute('AT+CMGS=12', { body: '0011AABB', expect: '+CMGS:' })).lines).toEqual(['+CMGS: 7']);
  });

  it('missingPromptAbortsWithEscAndResynchronises', async () => {
    const { engine, writes } = await engineWith((w) => (w === 'AT+CMEE?\r' ? '\r\n+CMEE: 1\r\n\r\nOK\r\n' : w === 'AT\r' ? '\r\nOK\r\n' : undefined));
    await expect(engine.execute('AT+CMGS=12', { body: '00' })).rejects.toMatchObject({ code: 'prompt-timeout' });
    await engine.execute('AT');
    expect(writes).toEqual(['AT+CMGS=12\r', '\x1b', 'AT+CMEE?\r', 'AT\r']);
  });

  it.each([
    ['+CME ERROR: 10', 'cme', 10],
    ['+CME ERROR: SIM not inserted', 'cme', null],
    ['+CMS ERROR: 322', 'cms', 322],
    ['ERROR', 'error', null],
    ['COMMAND NOT SUPPORT', 'error', null],
  ])('final result %s rejects with code %s', async (final, code, number) => {
    const { engine } = await engineWith((w) => (w === 'AT+CPIN?\r' ? `\r\n${final}\r\n` : undefined));
    const error = await engine.execute('AT+CPIN?').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtError);
    expect((error as AtError).code).toBe(code);
    if (code === 'cme') expect((error as AtError).cmeCode).toBe(number);
    if (code === 'cms') expect((error as AtError).cmsCode).toBe(number);
  });

  it('echoIsToleratedEvenAfterAte0', async () => {
    const { engine } = await engineWith((w) => (w === 'AT+CIMI\r' ? '\r\n284030000000001\r\n\r\nOK\r\n' : w === 'ATE0\r' ? '\r\nOK\r\n' : undefined), { echo: true });
    await engine.execute('ATE0');
    expect((await engine.execute('AT+CIMI')).lines).toEqual(['284030000000001']);
  });

  it('aBodyLineContainingErrorDoesNotEndTheResponse', async () => {
    const { engine } = await engineWith((w) => (w === 'AT+CMGR=1\r' ? '\r\n+CMGR: 1,,5\r\npump ERROR at 6pm\r\n\r\nOK\r\n' : undefined));
    expect((await engine.execute('AT+CMGR=1')).lines).toEqual(['+CMGR: 1,,5', 'pump ERROR at 6pm']);
  });

  it('garbageBytesBetweenLinesAreIgnored', async () => {
    const { engine } = await engineWith((w) => (w === 'AT\r' ? '\x00\xff\xfe\r\n\r\n\x07junk~~\r\nOK\r\n' : undefined));
    await expect(engine.execute('AT')).resolves.toMatchObject({ lines: ['\x00\xff\xfe', '\x07junk~~'] });
  });

  it('twoLineCmtUrcCarriesItsPdu', async () => {
    const { engine, port } = await engineWith(() => undefined);
    const got = new Promise<string[]>((resolve) => engine.onUrc('+CMT:', resolve));
    mockBinding(port).emitData(Buffer.from('\r\n+CMT: ,24\r\n0791539808000000040C9153\r\n'));
    expect(await got).toEqual(['+CMT: ,24', '0791539808000000040C9153']);
  });

  it('twoLineCdsUrcCarriesItsPduEvenWhileACommandWaits', async () => {
    // Huawei MU509 §6.7 / Telit ME310G1: +CDS: <length><CR><LF><pdu> in PDU mode (ds=1).
    const pdu = '07917248014000F506B70AA18092020000317071518590803170715185418000';
    const { engine } = await engineWith((w) => (w === 'AT+CSQ\r' ? `\r\n+CDS: 24\r\n${pdu}\r\n\r\n+CSQ: 21,0\r\n\r\nOK\r\n` : undefined));
    const got = new Promise<string[]>((resolve) => engine.onUrc('+CDS:', resolve));
    await expect(engine.execute('AT+CSQ', { expect: '+CSQ:' })).resolves.toEqual({ lines: ['+CSQ: 21,0'] });
    expect(await got).toEqual(['+CDS: 24', pdu]);
  });

  it('aCdsiLineIsNotMistakenForACdsHeader', async () => {
    const { engine, port } = await engineWith(() => undefined);
    const inline: string[][] = [];
    engine.onUrc('+CDS:', (lines) => inline.push(lines));
    const stored = new Promise<string[]>((resolve) => engine.onUrc('+CDSI:', resolve));
    mockBinding(port).emitData(Buffer.from('\r\n+CDSI: "SR",4\r\n'));
    expect(await stored).toEqual(['+CDSI: "SR",4']);
    expect(inline).toEqual([]);
  });

  it('cusdTextSpanningLinesIsReassembledWithOneBreakPerLine', async () => {
    const { engine, port } = await engineWith(() => undefined);
    const got = new Promise<string[]>((resolve) => engine.onUrc('+CUSD:', resolve));
    // The Play 24 menu as MuditaOS's URC stream test receives it, split across reads.
    mockBinding(port).emitData(Buffer.from('\r\n+CUSD: 1,"Play 24 Menu\r\n1 Konto\r\n'));
    mockBinding(port).emitData(Buffer.from('2 Uslugi / Promocje\r\n0 Wyjscie\r\nWiecej opcji znajdziesz w Play24 na http://24.play.pl",0\r\n'));
    const [line] = await got;
    expect(line).toBe('+CUSD: 1,"Play 24 Menu\n1 Konto\n2 Uslugi / Promocje\n0 Wyjscie\nWiecej opcji znajdziesz w Play24 na http://24.play.pl",0');
  });

  it('portCloseFailsTheCommandInFlight', async () => {
    const { engine, port } = await engineWith(() => undefined);
    const pending = engine.execute('AT+COPS?');
    port.close();
    await expect(pending).rejects.toMatchObject({ code: 'port-closed' });
    await expect(engine.execute('AT')).rejects.toMatchObject({ code: 'closed' });
  });

  it('runsOneTransactionAtATimeInOrder', async () => {
    const { engine, writes } = await engineWith((w) => `\r\n+X: ${w.trim()}\r\n\r\nOK\r\n`);
    const results = await Promise.all(['AT+A', 'AT+B', 'AT+C'].map((c) => engine.execute(c)));
    expect(writes).toEqual(['AT+A\r', 'AT+B\r', 'AT+C\r']);
    expect(results.map((r) => r.lines[0])).toEqual(['+X: AT+A', '+X: AT+B', '+X: AT+C']);
  });
});
