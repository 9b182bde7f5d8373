/**
 * Mutated PDUs: public vectors and PDUs of command texts, damaged (bits flipped, lengths that lie,
 * cut, repeated), decoded in-process by every reader of a PDU (decodePdu with and without the SMSC
 * octet, parseCmgr, tidyPdu) — nothing but a CodecError may come out, no decoded text longer than
 * the PDU could hold — and one in `daemonEvery` put on the simulated SIM for the real daemon to
 * read. None of those carries the right password: no phone may be answered, the box must answer a
 * probe after each batch, and no code of theirs shows beyond its last 4.
 */
import { CodecError } from '../../../src/codec/errors.js';
import { decodePdu } from '../../../src/codec/pdu.js';
import { encodeDeliver } from '../../../src/codec/sms-deliver.js';
import { concatUdh } from '../../../src/codec/udh.js';
import { parseCmgr, tidyPdu } from '../../../src/modem/parsers.js';
import { CMGR_TRANSCRIPTS } from '../../vectors/cmgr-transcripts.js';
import { DELIVER_VECTORS } from '../../vectors/deliver-vectors.js';
import { BARE_TPDU_VECTORS, LENIENT_PDU_VECTORS, PDU_VECTORS } from '../../vectors/pdu-vectors.js';
import { startFuzzBox, type FuzzBox } from '../box.js';
import { boxFigures, leakedWindow, logLineText, windowsOf, withoutTimes } from '../leaks.js';
import { mutateHex } from '../mutate.js';
import { answeredStrangers, probe, withoutProbePhones } from '../probe.js';
import { caseRandom, type Random } from '../random.js';
import { Recorder, type KindReport } from '../report.js';
import { commandText, PASSWORD, passwordOf } from '../texts.js';
import { SizeClasses } from '../timing.js';

const PUBLIC = [
  ...DELIVER_VECTORS.map((v) => v.pdu),
  ...PDU_VECTORS.map((v) => v.pdu),
  ...LENIENT_PDU_VECTORS.map((v) => v.pdu),
  ...BARE_TPDU_VECTORS.map((v) => `00${v.pdu}`),
  ...CMGR_TRANSCRIPTS.map((t) => t.lines[1]!.replace(/"$/, '')),
];
const DAEMON_BATCH = 20;
const SIM_SLOT_HEX = 2 * (176 + 12);
const SETTLE_BOUND_MS = 60_000;

/** A PDU to damage: a public vector, or a command text (never with the right password) as a phone sends it. */
function seedPdu(r: Random): { pdu: string; codes: string[] } {
  if (r.chance(0.5)) return { pdu: r.pick(PUBLIC), codes: [] };
  const made = commandText(r, null);
  const text = made.text.split(PASSWORD).join('000000');
  const sender = r.chance(0.9) ? `+359${r.digits(9)}` : r.pick(['VIVACOM', 'A1', '12345']);
  const udh = r.chance(0.2) ? concatUdh({ ref: r.int(0, 255), total: r.int(1, 3), seq: r.int(1, 3) }) : undefined;
  const alphabet = r.chance(0.3) ? 'ucs2' : r.chance(0.1) ? '8bit' : 'gsm7';
  try {
    const pdu = encodeDeliver({ sender, text: text.slice(0, alphabet === 'ucs2' ? 60 : 140), date: new Date(), alphabet, alphanumericSender: !sender.startsWith('+'), ...(udh ? { udh } : {}) } as Parameters<typeof encodeDeliver>[0]);
    return { pdu, codes: made.codes.map((c) => c.digits).filter((c) => c.length >= 5) };
  } catch {
    return { pdu: r.pick(PUBLIC), codes: [] };
  }
}

/** The sender of a PDU as the daemon decodes it ('' when it does not). */
function senderOf(pdu: string): string {
  try {
    const sms = decodePdu(pdu);
    return 'sender' in sms ? sms.sender : '';
  } catch {
    return '';
  }
}

/** The sender and PH number of a PDU whose text, as decoded, carries the right password. */
function rightPasswordRecipients(pdu: string): string[] {
  try {
    const sms = decodePdu(pdu);
    if (!('text' in sms) || !('sender' in sms) || passwordOf(sms.text) !== PASSWORD) return [];
    const ph = /\sPH\s+(\S+)/i.exec(sms.text)?.[1];
    return [sms.sender, ...(ph ? [ph] : [])];
  } catch {
    return [];
  }
}

/** Every reader of a PDU on one input: null, or what went wrong. */
function readAll(hex: string): string | null {
  const readers: Array<[string, () => unknown]> = [
    ['decodePdu', () => decodePdu(hex)],
    ['decodePdu without SMSC', () => decodePdu(hex, { smsc: false })],
    ['parseCmgr', () => parseCmgr([`+CMGR: 0,,${Math.max(0, hex.length / 2 - 1)}`, hex])],
    ['tidyPdu', () => tidyPdu(hex, Math.floor(hex.length / 2) - 1)],
  ];
  for (const [name, read] of readers) {
    try {
      const out = read() as { text?: unknown } | null;
      if (out && typeof out === 'object' && typeof out.text === 'string' && out.text.length > hex.length) return `${name} decoded ${out.text.length} characters from ${hex.length / 2} octets`;
    } catch (err) {
      if (!(err instanceof CodecError)) return `${name} threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
    }
  }
  return null;
}

export async function pduKind(count: number, seed: number, options: { daemonEvery?: number; from?: number } = {}): Promise<KindReport> {
  const rec = new Recorder('pdu');
  const every = options.daemonEvery ?? Math.max(100, Math.ceil(count / 5000));
  const sizes = new SizeClasses();
  const forDaemon: Array<{ index: number; pdu: string; codes: string[] }> = [];
  for (let index = options.from ?? 0; index < (options.from ?? 0) + count; index++) {
    const r = caseRandom(seed, 'pdu', index);
    const { pdu: original, codes } = seedPdu(r);
    const pdu = mutateHex(r, original);
    const problem = sizes.time(pdu.length / 2, () => readAll(pdu));
    rec.tried();
    if (problem) rec.fail(index, pdu, problem);
    // A SIM slot holds at most 176 octets of TPDU and the SMSC's: longer ones are only read in-process.
    if (index % every === 0) forDaemon.push({ index, pdu: pdu.slice(0, SIM_SLOT_HEX), codes });
  }
  sizes.report(rec, 'decode (4 readers) per octet');
  const box = await startFuzzBox({ vouchers: 10 });
  try {
    await throughDaemon(box, rec, forDaemon);
  } finally {
    await box.stop();
  }
  rec.figure('through the daemon', `${forDaemon.length} PDUs on the simulated SIM`);
  return rec.done();
}

async function throughDaemon(box: FuzzBox, rec: Recorder, cases: Array<{ index: number; pdu: string; codes: string[] }>): Promise<void> {
  const dates = boxFigures();
  const seen = new Map<string, number>();
  let lastRow = 0;
  for (let i = 0; i < cases.length; i += DAEMON_BATCH) {
    const batch = cases.slice(i, i + DAEMON_BATCH);
    for (const c of batch) box.running.simulator.modem.receive(c.pdu);
    if (!(await box.settled(SETTLE_BOUND_MS))) return rec.fail(batch[0]!.index, batch.map((c) => c.pdu).join(' '), `a batch of PDUs not settled within ${SETTLE_BOUND_MS / 1000} s (stall): ${box.busy()}`);
    // A mutation can, rarely, write the right password into a text: who such a text names may be answered.
    const answerable = new Set(batch.flatMap((c) => rightPasswordRecipients(c.pdu)));
    const answered = answeredStrangers(box, seen).filter((line) => !answerable.has(line.slice(0, line.indexOf(':'))));
    if (answered.length) return rec.fail(batch[0]!.index, batch.map((c) => c.pdu).join(' '), `a PDU without the right password was answered: ${answered[0]}`);
    const stuck = await probe(box);
    if (stuck) return rec.fail(batch[0]!.index, batch.map((c) => c.pdu).join(' '), stuck);
    const codes = batch.flatMap((c) => c.codes);
    // Senders are kept whole: their digits may show.
    const allowed = new Set([...dates, ...windowsOf(batch.map((c) => senderOf(c.pdu)))]);
    // Only this batch's rows: a batch that left fewer rows (an empty slot, a part still waiting) must
    // not reach back to the last batch, whose senders are not this batch's.
    const log = await box.get(`/api/v1/messages?limit=${DAEMON_BATCH + 1}`);
    const rows = (log.json.messages as Array<{ id: number }>).filter((row) => row.id > lastRow);
    lastRow = Math.max(lastRow, ...rows.map((row) => row.id));
    for (const line of [...box.takeLogs().map(logLineText), ...rows.map(withoutTimes)]) {
      const leaked = leakedWindow(withoutProbePhones(line), codes, allowed);
      if (leaked) rec.fail(batch[0]!.index, line, `shows ${leaked.window} of code ${leaked.code}`);
    }
  }
}
