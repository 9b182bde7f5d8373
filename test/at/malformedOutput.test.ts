import { afterEach, describe, expect, it } from 'vitest';
import { MockBinding } from '@serialport/binding-mock';
import { AtEngine } from '../../src/at/engine.js';
import { LineFramer, MAX_LINE } from '../../src/at/line-framer.js';
import { MAX_URC_LINES } from '../../src/at/urc-collector.js';
import { parseCusd } from '../../src/codec/ussd.js';
import { silentLogger } from '../../src/log/logger.js';
import { mockBinding, openMockPort, scriptModem } from '../helpers/mock-port.js';
import { waitFor } from '../helpers/wait.js';

const FAST = { basic: 300, prompt: 150, send: 500, storage: 300, sim: 300, network: 300 };

afterEach(() => MockBinding.reset());

/** A scripted modem that answers AT (and the resynchronisation probe) with `okAs`, and the engine over it. */
async function engineOver(okAs = '\r\nOK\r\n') {
  const port = await openMockPort();
  scriptModem(port, (w) => (w === 'AT\r' ? okAs : w === 'AT+CMEE?\r' ? '\r\n+CMEE: 1\r\n\r\nOK\r\n' : undefined));
  const engine = new AtEngine(port, { logger: silentLogger(), timeouts: FAST, urcIdleMs: 50 });
  const urcs: Record<string, string[][]> = {};
  for (const prefix of ['+CUSD:', '+CMT:', '+CDS:', 'RDY', '+CFUN:', '+CMTI:']) engine.onUrc(prefix, (lines) => (urcs[prefix] ??= []).push(lines));
  const emit = (text: string): void => mockBinding(port).emitData(Buffer.from(text, 'latin1'));
  return { engine, urcs, emit };
}

interface Row {
  name: string;
  /** What the modem prints unprompted, in the reads it arrives in. */
  reads: string[];
  /** How the modem ends its lines when it answers the AT that follows. */
  okAs?: string;
  /** Waited for before the AT, when what was printed must first end by itself. */
  settled?: (urcs: Record<string, string[][]>) => boolean;
  expectUrcs?: Record<string, string[][]>;
  /** The AT's information lines: garbage after the last line end joins the answer, as on a real line. */
  lines?: string[];
}

const LONG_TEXT_LINES = Array.from({ length: MAX_URC_LINES + 10 }, (_, i) => `line ${i}`);

const TABLE: Row[] = [
  {
    name: 'a +CUSD text with a quote of its own (odd quotes on one line)',
    reads: ['\r\n+CUSD: 0,"Bonus: 5" SMS left",15\r\n'],
    expectUrcs: { '+CUSD:': [['+CUSD: 0,"Bonus: 5" SMS left",15']] },
  },
  {
    name: 'a +CUSD text with an inner quote, spanning lines',
    reads: ['\r\n+CUSD: 1,"Say "hi\r\n', '1 Next",15\r\n'],
    expectUrcs: { '+CUSD:': [['+CUSD: 1,"Say "hi\n1 Next",15']] },
  },
  {
    name: 'a +CUSD text that never gets its closing quote (taken after the idle bound)',
    reads: ['\r\n+CUSD: 0,"Balance 5 EUR\r\n'],
    settled: (u) => Boolean(u['+CUSD:']),
    expectUrcs: { '+CUSD:': [['+CUSD: 0,"Balance 5 EUR']] },
  },
  {
    name: 'a +CUSD text of more lines than any answer (taken at the line bound)',
    reads: ['\r\n+CUSD: 1,"Menu\r\n', `${LONG_TEXT_LINES.join('\r\n')}\r\n`],
    settled: (u) => Boolean(u['+CUSD:']),
  },
  {
    name: 'a +CUSD cut in half by a reboot banner (RDY, +CFUN: 1)',
    reads: ['\r\n+CUSD: 0,"Your balance is', '\r\nRDY\r\n\r\n+CFUN: 1\r\n'],
    expectUrcs: { '+CUSD:': [['+CUSD: 0,"Your balance is']], RDY: [['RDY']], '+CFUN:': [['+CFUN: 1']] },
  },
  {
    name: 'a +CUSD text cut by another URC (+CMTI)',
    reads: ['\r\n+CUSD: 1,"Menu\r\n1 Balance\r\n+CMTI: "SM",4\r\n'],
    expectUrcs: { '+CUSD:': [['+CUSD: 1,"Menu\n1 Balance']], '+CMTI:': [['+CMTI: "SM",4']] },
  },
  {
    name: 'a menu line that merely starts like a URC stays text ("RING TONES")',
    reads: ['\r\n+CUSD: 1,"Menu\r\nRING TONES\r\n2 Exit",15\r\n'],
    expectUrcs: { '+CUSD:': [['+CUSD: 1,"Menu\nRING TONES\n2 Exit",15']] },
  },
  {
    name: 'a +CMT header whose PDU line never comes',
    reads: ['\r\n+CMT: ,24\r\n'],
  },
  {
    name: 'a +CDS header whose PDU line never comes: taken as it stands after the wait',
    reads: ['\r\n+CDS: 24\r\n'],
    settled: (urcs) => (urcs['+CDS:']?.length ?? 0) > 0,
    expectUrcs: { '+CDS:': [['+CDS: 24']] },
  },
  {
    name: 'a +CDS cut by a reboot banner: the header alone, then the banner',
    reads: ['\r\n+CDS: 24\r\nRDY\r\n'],
    expectUrcs: { '+CDS:': [['+CDS: 24']], RDY: [['RDY']] },
  },
  { name: 'NUL and 8-bit bytes', reads: ['\x00\xff\x80\xfe junk\r\n\x00\r\n\xff'], lines: ['\xff'] },
  { name: 'a 1 MB line without a line end', reads: Array.from({ length: 16 }, () => 'A'.repeat(64 * 1024)) },
  { name: 'lines ended by CR alone', reads: ['\r+CMTI: "SM",1\r'], okAs: '\rOK\r', expectUrcs: { '+CMTI:': [['+CMTI: "SM",1']] } },
  { name: 'lines ended by LF alone', reads: ['\n+CMTI: "SM",2\n'], okAs: '\nOK\n', expectUrcs: { '+CMTI:': [['+CMTI: "SM",2']] } },
  { name: 'LF CR instead of CR LF', reads: ['\n\r+CMTI: "SM",3\n\r'], okAs: '\n\rOK\n\r', expectUrcs: { '+CMTI:': [['+CMTI: "SM",3']] } },
];

describe('malformed modem output: the engine always returns to service', () => {
  it.each(TABLE.map((row) => [row.name, row] as const))('%s, then a command completes', async (_name, row) => {
    const { engine, urcs, emit } = await engineOver(row.okAs);
    for (const read of row.reads) emit(read);
    const total = row.reads.reduce((n, read) => n + read.length, 0);
    await waitFor(() => engine.stats.bytesRead >= total, 5000, 'the output to be read');
    if (row.settled) await waitFor(() => row.settled!(urcs), 5000, 'the URC to end by itself');
    await expect(engine.execute('AT')).resolves.toEqual({ lines: row.lines ?? [] });
    if (row.expectUrcs) expect(urcs).toEqual(row.expectUrcs);
  });

  it('deliversTheCarriersTextWithItsInnerQuote', async () => {
    const { engine, urcs, emit } = await engineOver();
    emit('\r\n+CUSD: 0,"Bonus: 5" SMS left",15\r\n');
    await engine.execute('AT');
    const [line] = urcs['+CUSD:']![0]!;
    expect(parseCusd(line!)).toEqual({ status: 'answer', code: 0, raw: 'Bonus: 5" SMS left', dcs: 15 });
  });

  it('aTextTakenAtTheLineBoundKeepsItsFirstLinesAndTheRestIsDropped', async () => {
    const { engine, urcs, emit } = await engineOver();
    emit('\r\n+CUSD: 1,"Menu\r\n');
    emit(`${LONG_TEXT_LINES.join('\r\n')}\r\n`);
    await waitFor(() => urcs['+CUSD:'], 5000, 'the cut text');
    await engine.execute('AT');
    const [text] = urcs['+CUSD:']![0]!;
    expect(text!.split('\n')).toHaveLength(MAX_URC_LINES);
    expect(text!.startsWith('+CUSD: 1,"Menu\nline 0\n')).toBe(true);
    expect(engine.stats.cutUrcs).toBe(1);
  });

  it('anOpenTextDoesNotSwallowTheEchoOrTheAnswerOfTheNextCommand', async () => {
    const port = await openMockPort();
    scriptModem(port, (w) => (w === 'AT+CSQ\r' ? 'AT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n' : undefined));
    const engine = new AtEngine(port, { logger: silentLogger(), timeouts: FAST, urcIdleMs: 5000 });
    const cusd: string[][] = [];
    engine.onUrc('+CUSD:', (lines) => cusd.push(lines));
    const text = '\r\n+CUSD: 0,"Balance 5 EUR\r\n';
    mockBinding(port).emitData(Buffer.from(text, 'latin1'));
    await waitFor(() => engine.stats.bytesRead >= text.length, 5000, 'the open text to be read');
    await expect(engine.execute('AT+CSQ', { expect: '+CSQ:' })).resolves.toEqual({ lines: ['+CSQ: 20,0'] });
    expect(cusd).toEqual([['+CUSD: 0,"Balance 5 EUR']]);
  });

  it('aMegabyteLineIsDroppedWholeAndCounted', async () => {
    const { engine, emit } = await engineOver();
    emit(`${'B'.repeat(1024 * 1024)}`);
    await expect(engine.execute('AT')).resolves.toEqual({ lines: [] });
    expect(engine.stats.overlongLines).toBe(1);
  });

  it('anAnswerLongerThanAnyRealOneFailsItsCommandAndTheNextCommandStillCompletes', async () => {
    const port = await openMockPort();
    const flood = `\r\n${Array.from({ length: 1200 }, () => `+CMGL: 1,0,,24\r\n${'C'.repeat(1000)}`).join('\r\n')}\r\n\r\nOK\r\n`;
    scriptModem(port, (w) => (w === 'AT+CMGL=4\r' ? flood : w === 'AT+CMEE?\r' ? '\r\n+CMEE: 1\r\n\r\nOK\r\n' : w === 'AT+CSQ\r' ? '\r\n+CSQ: 20,0\r\n\r\nOK\r\n' : undefined));
    const engine = new AtEngine(port, { logger: silentLogger(), timeouts: { ...FAST, storage: 5000 } });
    await expect(engine.execute('AT+CMGL=4')).rejects.toMatchObject({ code: 'overflow' });
    await expect(engine.execute('AT+CSQ', { expect: '+CSQ:' })).resolves.toEqual({ lines: ['+CSQ: 20,0'] });
  });
});

describe('the line framer', () => {
  it('holdsNoMoreThanMaxLineWhileALineHasNoEnd', () => {
    const lines: string[] = [];
    const overlong: number[] = [];
    const framer = new LineFramer((l) => lines.push(l), (n) => overlong.push(n));
    for (let i = 0; i < 64; i++) {
      framer.push('x'.repeat(16 * 1024));
      expect(framer.pending).toBeLessThanOrEqual(MAX_LINE);
    }
    framer.push('\r\nOK\r\n');
    expect(lines).toEqual(['OK']);
    expect(overlong).toEqual([1024 * 1024]);
  });

  it('treatsCrLfSplitAcrossReadsAsOneLineEnd', () => {
    const lines: string[] = [];
    const framer = new LineFramer((l) => lines.push(l));
    framer.push('+CSQ: 20,0\r');
    framer.push('\nOK\r');
    framer.push('\n');
    expect(lines).toEqual(['+CSQ: 20,0', 'OK']);
  });

  it('keepsTheTextAfterTheLastLineEndForTheNextRead', () => {
    const lines: string[] = [];
    const framer = new LineFramer((l) => lines.push(l));
    framer.push('\r\n> ');
    framer.push('0011AA\x1a\r\n');
    expect(lines).toEqual(['', '> 0011AA\x1a']);
  });
});
