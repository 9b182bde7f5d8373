/**
 * Mutated +CUSD lines: real modems' answers (the public USSD vectors) and carrier texts nobody
 * wrote for us (the interpreter's corpus), some echoing a voucher code however grouped, printed as
 * a modem prints them and then damaged. In-process, every reader of such a line — parseCusd, the
 * modem's readCusd under each character set, the answer picker over a transcript, the carrier-text
 * interpreter on what was decoded — may give nothing but a CodecError. One in `daemonEvery` becomes
 * the carrier's answer to the real daemon's balance check or recharge: the box answers within the
 * bound, dials no voucher twice, and shows no voucher beyond its last 4 anywhere.
 */
import { CodecError } from '../../../src/codec/errors.js';
import { parseCusd } from '../../../src/codec/ussd.js';
import type { Cscs } from '../../../src/codec/ussd-text.js';
import { interpret, plainReading } from '../../../src/carriers/interpret/interpret.js';
import { answerFromTranscript, readCusd } from '../../../src/modem/ussd.js';
import { printUssdAnswer } from '../../../src/sim/ussd-output.js';
import { CARRIER_TEXTS } from '../../vectors/carrier-texts.js';
import { USSD_VECTORS } from '../../vectors/ussd-vectors.js';
import { CARRIER_ANSWER_SECONDS, startFuzzBox, type FuzzBox } from '../box.js';
import { boxFigures, leakedWindow, logLineText, withoutMoney, withoutTimes } from '../leaks.js';
import { mutateText } from '../mutate.js';
import { caseRandom, within, type Random } from '../random.js';
import { Recorder, type KindReport } from '../report.js';
import { grouped, PASSWORD } from '../texts.js';
import { SizeClasses } from '../timing.js';

const DELICATE = ' ",()-+:;\r\n\t\u0000\u00ff0123456789ABCDEFabcxyz>#*';
const CHARSETS: Cscs[] = ['GSM', 'HEX', 'UCS2', 'IRA'];
/** The carrier's answer window and time for the relay to answer after it. */
const ANSWER_BOUND_MS = CARRIER_ANSWER_SECONDS * 1000 + 15_000;

interface CusdCase {
  line: string;
  /** The voucher echoed in it, if any. */
  code: string | null;
}

/** A +CUSD line as a modem prints a carrier's answer (echoing `code` when given), then damaged. */
function cusdLine(r: Random, code: string | null, cscs: Cscs): CusdCase {
  let line: string;
  if (!code && r.chance(0.4)) {
    line = r.pick(USSD_VECTORS).line;
  } else {
    let text = r.pick(CARRIER_TEXTS).text;
    if (code) text = `${r.pick(['Karta', 'Card', 'Код', 'PIN'])} ${r.chance(0.5) ? code : grouped(r, code)} ${text}`;
    const { printed, dcs } = printUssdAnswer(text, cscs);
    line = `+CUSD: ${r.pick([0, 0, 1, 2, 4])},"${printed}",${dcs}`;
  }
  return { line: r.chance(0.8) ? mutateText(r, line, DELICATE) : line, code };
}

/** Every reader of a +CUSD line on one input: null, or what went wrong. */
function readAll(line: string): string | null {
  const attempt = (name: string, read: () => unknown): string | null => {
    try {
      read();
      return null;
    } catch (err) {
      return err instanceof CodecError ? null : `${name} threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
    }
  };
  const problems = [attempt('parseCusd', () => parseCusd(line))];
  for (const cscs of CHARSETS) {
    problems.push(attempt(`readCusd ${cscs}`, () => {
      const answer = readCusd(line, { encoding: 'text', cscs });
      if (answer.text !== null) {
        const reading = plainReading(interpret(answer.text, { kind: 'topup' }));
        JSON.stringify(reading);
      }
    }));
  }
  problems.push(attempt('answerFromTranscript', () => answerFromTranscript(`AT+CUSD=1,"*102#",15\r\r\nOK\r\n${line}\r\n+CUSD: 2\r\n`, { encoding: 'packed', cscs: 'GSM' })));
  return problems.find((p) => p !== null) ?? null;
}

export async function cusdKind(count: number, seed: number, options: { daemonEvery?: number } = {}): Promise<KindReport> {
  const rec = new Recorder('cusd');
  // A damaged answer can cost the carrier's whole answer window: at most about 500 go through the daemon.
  const every = options.daemonEvery ?? Math.max(200, Math.ceil(count / 500));
  const sizes = new SizeClasses();
  const throughDaemon: number[] = [];
  for (let index = 0; index < count; index++) {
    const r = caseRandom(seed, 'cusd', index);
    const c = cusdLine(r, r.chance(0.3) ? r.digits(15) : null, r.pick(CHARSETS));
    const problem = sizes.time(c.line.length, () => readAll(c.line));
    rec.tried();
    if (problem) rec.fail(index, c.line, problem);
    if (index % every === 0) throughDaemon.push(index);
  }
  sizes.report(rec, 'read (parse, 4 character sets, transcript, interpreter) per character');
  const box = await startFuzzBox({ vouchers: throughDaemon.length + 5 });
  try {
    await asCarrierAnswers(box, rec, seed, throughDaemon);
  } finally {
    await box.stop();
  }
  return rec.done();
}

/**
 * The daemon dials; the carrier's answer is replaced by the case's line. Balance checks and
 * recharges alternate; each recharge uses a card of its own, and the attempt budget is reset after
 * it so a damaged answer read as a rejection does not lock the rest out.
 */
async function asCarrierAnswers(box: FuzzBox, rec: Recorder, seed: number, indexes: number[]): Promise<void> {
  const { simulator } = box.running;
  const modem = simulator.modem as unknown as { urc: (...lines: string[]) => void };
  const original = modem.urc.bind(simulator.modem);
  // The +CUSD answer to the dial in hand becomes the case's line; every other line goes as it was.
  const swap = { line: null as string | null, forUssd: '' };
  modem.urc = (...lines: string[]) => {
    const last = simulator.dialLog().at(-1)?.ussd ?? '';
    const now = swap.line !== null && last.includes(swap.forUssd);
    original(...lines.map((l) => (now && l.startsWith('+CUSD:') ? swap.line! : l)));
    if (now && lines.some((l) => l.startsWith('+CUSD:'))) swap.line = null;
  };
  let recharges = 0;
  try {
    recharges = await answerEach(box, rec, seed, indexes, swap);
  } finally {
    modem.urc = original;
  }
  const dialled = simulator.dialLog().filter((d) => d.outcome !== 'balance').map((d) => d.ussd);
  for (const ussd of new Set(dialled.filter((d, i) => dialled.indexOf(d) !== i))) rec.fail(-1, ussd, 'a voucher dialled twice');
  rec.figure('through the daemon', `${indexes.length} carrier answers (${recharges} to recharges, the rest to balance checks)`);
}

/** Each case's line as the answer to a CREDIT? or a CREDIT with a card of its own; the number of recharges. */
async function answerEach(box: FuzzBox, rec: Recorder, seed: number, indexes: number[], swap: { line: string | null; forUssd: string }): Promise<number> {
  const vouchers = box.running.simulator.unusedVouchers().map((v) => v.pin);
  const dates = boxFigures();
  let recharges = 0;
  for (const [n, index] of indexes.entries()) {
    const r = caseRandom(seed, 'cusd-daemon', index);
    const code = n % 2 === 1 && vouchers.length > 0 ? vouchers.shift()! : null;
    const c = cusdLine(r, code, 'GSM');
    swap.line = c.line;
    swap.forUssd = code ?? '*102#';
    const answer = await within(box.post('/api/v1/commands', { text: `*${PASSWORD} ${code ? `CREDIT ${code}` : 'CREDIT?'}` }), ANSWER_BOUND_MS);
    rec.tried();
    swap.line = null;
    if (answer === null) {
      rec.fail(index, c.line, `${code ? 'CREDIT' : 'CREDIT?'} not answered within ${ANSWER_BOUND_MS / 1000} s with this carrier answer`);
      return recharges;
    }
    if (answer.status >= 500) rec.fail(index, c.line, `the relay answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    if (code) {
      recharges += 1;
      const shown = [withoutTimes(answer.json), ...box.takeLogs().map(logLineText), ...((await box.get('/api/v1/messages?limit=3')).json.messages as unknown[]).map(withoutTimes)];
      for (const text of shown) {
        const leaked = leakedWindow(withoutMoney(text), [code], dates);
        if (leaked) rec.fail(index, c.line, `${JSON.stringify(text.slice(0, 400))} shows ${leaked.window} of the voucher`);
      }
      // A damaged answer read as a rejection counts against the SIM's budget: start each case afresh.
      await box.post('/api/v1/commands', { text: `*${PASSWORD} CREDITCFG RESET` });
    }
    box.takeLogs();
  }
  return recharges;
}
