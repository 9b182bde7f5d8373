/**
 * Raw modem output: bytes a modem, a cable or a USB hub garbles — noise, NULs, lines without an
 * end, lines over the framer's limit, spurious final results, prompts, banners and URCs with odd
 * fields, +CUSD texts that never close their quote. In-process, the AT engine's own line framing
 * and URC collection hold at most their bounds whatever comes; then one in `daemonEvery` bursts is
 * written into the real daemon's line from the simulated modem while it works, and the box must
 * still answer a probe within the bound and send nothing to anyone else.
 */
import { LineFramer, MAX_LINE } from '../../../src/at/line-framer.js';
import { parseFinalResult } from '../../../src/at/final-result.js';
import { MAX_URC_CHARS, MAX_URC_LINES, UrcCollector } from '../../../src/at/urc-collector.js';
import { UrcRegistry } from '../../../src/at/urc.js';
import { startFuzzBox, type FuzzBox } from '../box.js';
import { answeredStrangers, probe } from '../probe.js';
import { caseRandom, type Random } from '../random.js';
import { Recorder, type KindReport } from '../report.js';
import { SizeClasses } from '../timing.js';

const SETTLE_BOUND_MS = 60_000;
const LINES = [
  'OK', 'ERROR', '+CME ERROR: 999', '+CMS ERROR: 500', '> ', 'RDY', '+CFUN: 1', 'Call Ready', 'SMS Ready', '+CPIN: READY', 'NO CARRIER', 'RING', 'BUSY',
  '+CMTI: "SM",9999999999', '+CMTI: "ME",-1', '+CMTI: ', '+CDSI: "SR",3', '+CREG: 5', '+CREG: 1,"FFFF","FFFFFFFF",7', '+CSQ: 99,99', '+CUSD: 2', '+CUSD: 0,"never closed',
  '+CUSD: 1,"Bonus: 5" SMS left",15', '+CMGR: 0,,999', '+CMGL: 1,0,,20', '+CLIP: "+359888",145', '^RSSI: 31', '^BOOT:1,0,0,0', 'AT+CMGR=1', '+CPMS: 99,30,99,30,99,30',
];

/** One burst of modem output, as the bytes a daemon reads. */
function burst(r: Random): string {
  let out = '';
  const pieces = r.int(1, 12);
  for (let i = 0; i < pieces; i++) {
    switch (r.int(0, 7)) {
      case 0:
        out += `${r.pick(LINES)}${r.pick(['\r\n', '\r', '\n', ''])}`;
        break;
      case 1:
        out += Array.from({ length: r.int(1, 300) }, () => String.fromCharCode(r.int(0, 255))).join('');
        break;
      case 2:
        out += `\r\n${'A'.repeat(r.int(MAX_LINE - 10, MAX_LINE * 3))}\r\n`;
        break;
      case 3:
        out += `+CUSD: 1,"${'x'.repeat(r.int(100, 3000))}\r\n`.repeat(r.int(1, 80));
        break;
      case 4:
        out += '\r\n'.repeat(r.int(1, 200));
        break;
      case 5:
        out += '\u0000'.repeat(r.int(1, 500));
        break;
      case 6:
        out += `${r.pick(LINES)}${'\r'.repeat(r.int(0, 3))}`;
        break;
      default:
        if (r.chance(0.05)) out += 'Z'.repeat(r.int(100_000, 1_100_000));
        else out += `${r.pick(['+CUSD: 0,"', '+CMGR: 0,,23\r\n', '> '])}${r.string('0123456789ABCDEF",\r\n ', r.int(1, 400))}`;
    }
  }
  return out;
}

/** The engine's line handling on one burst, cut into random reads: null, or what broke a bound. */
function frame(r: Random, text: string): string | null {
  const urcs = new UrcRegistry();
  let worst = 0;
  const collector = new UrcCollector(urcs, (_entry, lines) => {
    worst = Math.max(worst, lines.length);
  }, 1_000_000);
  const framer = new LineFramer((piece) => {
    if (collector.offer(piece, (l) => parseFinalResult(l) !== null)) return;
    const line = piece.trim();
    parseFinalResult(line);
    const entry = urcs.match(line);
    if (entry) collector.start(entry, line);
  });
  let problem: string | null = null;
  for (let at = 0; at < text.length && !problem; ) {
    const size = r.int(1, 4096);
    framer.push(text.slice(at, at + size));
    at += size;
    if (framer.pending > MAX_LINE) problem = `the framer holds ${framer.pending} characters (bound ${MAX_LINE})`;
  }
  collector.flush();
  collector.close();
  if (!problem && worst > MAX_URC_LINES) problem = `a URC of ${worst} lines was delivered (bound ${MAX_URC_LINES}, ${MAX_URC_CHARS} characters)`;
  return problem;
}

export async function atKind(count: number, seed: number, options: { daemonEvery?: number } = {}): Promise<KindReport> {
  const rec = new Recorder('at');
  const every = options.daemonEvery ?? Math.max(50, Math.ceil(count / 300));
  const sizes = new SizeClasses();
  const throughDaemon: number[] = [];
  for (let index = 0; index < count; index++) {
    const r = caseRandom(seed, 'at', index);
    const text = burst(r);
    const problem = sizes.time(text.length, () => {
      try {
        return frame(r, text);
      } catch (err) {
        return `threw ${err instanceof Error ? err.message : String(err)}`;
      }
    });
    rec.tried();
    if (problem) rec.fail(index, text, problem);
    if (index % every === 0) throughDaemon.push(index);
  }
  sizes.report(rec, 'framing and URC collection per byte');
  const box = await startFuzzBox({ vouchers: 5 });
  try {
    await intoTheLine(box, rec, seed, throughDaemon);
  } finally {
    await box.stop();
  }
  return rec.done();
}

/** Each burst written into the daemon's line (between, or in the middle of, its own exchanges), then the probe. */
async function intoTheLine(box: FuzzBox, rec: Recorder, seed: number, indexes: number[]): Promise<void> {
  const { simulator } = box.running;
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const seen = new Map<string, number>();
  for (const index of indexes) {
    const text = burst(caseRandom(seed, 'at', index));
    // Some bursts land while the daemon is busy with a command of its own.
    if (index % 2 === 0) void box.post('/api/v1/commands', { text: '*739251 CREDIT?' }).catch(() => undefined);
    simulator.toDte.send(Buffer.from(text, 'latin1'));
    rec.tried();
    const stuck = await probe(box);
    if (stuck) {
      rec.fail(index, text, `after this burst: ${stuck} (${box.busy()})`);
      return;
    }
    if (!(await box.settled(SETTLE_BOUND_MS))) {
      rec.fail(index, text, `after this burst, not settled within ${SETTLE_BOUND_MS / 1000} s: ${box.busy()}`);
      return;
    }
    const answered = answeredStrangers(box, seen);
    if (answered.length) rec.fail(index, text, `after this burst a stranger was answered: ${answered[0]}`);
    box.takeLogs();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  rec.figure('through the daemon', `${indexes.length} bursts written into its line`);
  rec.figure('RSS (daemon, simulator and harness in one process)', `${(startRss / 2 ** 20).toFixed(0)} MiB at start, ${(peakRss / 2 ** 20).toFixed(0)} MiB at most`);
}
