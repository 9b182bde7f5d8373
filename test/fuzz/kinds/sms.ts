/**
 * SMS texts through the command grammar, by SMS (through the simulated network, SIM storage and
 * the AT engine) and over the relay, in batches. After each batch: every command answered or
 * dropped within the bound, no wrong password answered (not to the sender, not to a PH number),
 * no code beyond its last 4 in the replies, the message log API or the log lines. At the end: no
 * voucher dialled twice, none dialled that the local check should refuse, no code in the database's
 * bytes.
 */
import fs from 'node:fs';
import { databaseBytes } from '../../helpers/database-bytes.js';
import { startFuzzBox, type FuzzBox } from '../box.js';
import { boxFigures, leakedWindow, logLineText, wholeIn, windowsOf, withoutMoney, withoutTimes } from '../leaks.js';
import { caseRandom, inParallel, seeded } from '../random.js';
import { Recorder, type KindReport } from '../report.js';
import { commandText, PASSWORD, passwordOf, type FuzzText } from '../texts.js';

const BATCH = 100;
const SETTLE_BOUND_MS = 60_000;
const SENDERS = 256;

interface Sent extends FuzzText {
  index: number;
  channel: 'sms' | 'http';
  from: string;
  right: boolean;
  /** Where an answer may go: the sender, or the PH number. */
  targets: string[];
  http?: { status: number; json: any };
}

const messages = (box: FuzzBox, number: string): number => box.running.simulator.phoneMessages(number).length;

export async function smsKind(count: number, seed: number): Promise<KindReport> {
  const rec = new Recorder('sms');
  const vouchersWanted = Math.max(10, Math.ceil(count / 20));
  const box = await startFuzzBox({ vouchers: vouchersWanted });
  try {
    await run(box, rec, count, seed);
  } finally {
    await box.stop();
  }
  return rec.done();
}

async function run(box: FuzzBox, rec: Recorder, count: number, seed: number): Promise<void> {
  const { simulator } = box.running;
  const pool = seeded(seed);
  const senders = Array.from({ length: SENDERS }, () => `+35989${pool.digits(7)}`).filter((s) => !s.includes(PASSWORD));
  const vouchers = simulator.unusedVouchers().map((v) => v.pin);
  const reserved = windowsOf(senders);
  for (const w of boxFigures()) reserved.add(w);
  const allCodes = new Set<string>();
  let logBytes = 0;
  let answeredHttp = 0;
  const sent = { sms: 0, relay: 0, rightPassword: 0, codes: 0, dialable: 0 };
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;

  for (let first = 0; first < count; first += BATCH) {
    const batch: Sent[] = [];
    for (let index = first; index < Math.min(count, first + BATCH); index++) {
      const r = caseRandom(seed, 'sms', index);
      // About one case in six writes a real card (some of them twice over the run).
      const voucher = r.chance(0.17) && vouchers.length ? vouchers[r.int(0, Math.min(vouchers.length, 3) - 1)]! : null;
      const made = commandText(r, voucher);
      if (voucher && made.codes[0]?.dialable && r.chance(0.6)) vouchers.splice(vouchers.indexOf(voucher), 1);
      const password = passwordOf(made.text);
      const right = password === PASSWORD;
      // Over the relay a right password may configure the box (the token holder may): keep those to SMS.
      const channel = made.text.length <= 480 && r.chance(0.4) && !(right && made.config) ? 'http' : 'sms';
      const from = senders[(index - first) % senders.length]!;
      const ph = /\sPH\s+(\S+)/i.exec(made.text.slice(made.text.indexOf('*')))?.[1];
      batch.push({ ...made, index, channel, from, right, targets: [from, ...(ph ? [ph] : [])] });
      for (const code of made.codes) allCodes.add(code.digits);
    }

    const before = new Map<string, number>();
    for (const s of batch) for (const t of s.targets) before.set(t, messages(box, t));
    for (const s of batch) if (s.channel === 'sms') simulator.sendSmsFromPhone(s.from, s.text);
    // Fewer at once than one client may hold open (32), so none is refused for that.
    await inParallel(batch.filter((s) => s.channel === 'http'), 8, async (s) => {
      s.http = await box.post('/api/v1/commands', { text: s.text });
    });
    rec.tried(batch.length);
    if (!(await box.settled(SETTLE_BOUND_MS))) {
      rec.fail(batch[0]!.index, batch.map((s) => s.text).join(' ‖ '), `a batch of ${batch.length} texts not settled within ${SETTLE_BOUND_MS / 1000} s (stall): ${box.busy()}`);
      return;
    }
    logBytes += box.running.logs.reduce((n, line) => n + line.length, 0);
    await checkBatch(box, rec, batch, before, reserved);
    answeredHttp += batch.filter((s) => s.http?.status === 200).length;
    for (const s of batch) {
      sent[s.channel === 'sms' ? 'sms' : 'relay'] += 1;
      if (s.right) sent.rightPassword += 1;
      sent.codes += s.codes.length;
      sent.dialable += s.codes.filter((c) => c.dialable).length;
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }

  // The witnesses at the end: the carrier's dial log and the database's bytes.
  const dialledCodes = rechargesDialled(simulator);
  dialledFailures(rec, dialledCodes);
  atRestFailures(rec, box.dbFile, allCodes);
  rec.figure('texts', `${sent.sms} by SMS, ${sent.relay} over the relay; ${sent.rightPassword} with the right password`);
  rec.figure('codes written', `${sent.codes} (${sent.dialable} real vouchers as they are, the rest grouped, in other digits, cut or broken)`);
  rec.figure('vouchers dialled', dialledCodes.length);
  rec.figure('relay commands answered 200', answeredHttp);
  rec.figure('log written (trace level)', `${(logBytes / 2 ** 20).toFixed(1)} MiB`);
  rec.figure('database', `${(fs.statSync(box.dbFile).size / 2 ** 20).toFixed(1)} MiB`);
  rec.figure('RSS (daemon, simulator and harness in one process)', `${(startRss / 2 ** 20).toFixed(0)} MiB at start, ${(peakRss / 2 ** 20).toFixed(0)} MiB at most`);
}

/** The codes the simulated carrier was dialled to recharge with (balance checks left out). */
export function rechargesDialled(simulator: FuzzBox['running']['simulator']): string[] {
  return simulator.dialLog().filter((d) => d.outcome !== 'balance').map((d) => /^\*101#(.*)#$/.exec(d.ussd)?.[1] ?? d.ussd);
}

/** No code dialled twice, none that the local check should have refused. */
export function dialledFailures(rec: Recorder, dialledCodes: string[]): void {
  // The local check is the carrier's code length in ASCII digits: a made-up code of that shape is
  // dialled (and rejected by the carrier, until the attempt budget locks), anything else never.
  for (const code of dialledCodes) if (!/^[0-9]{15}$/.test(code)) rec.fail(-1, code, 'dialled a code the local check should have refused');
  const twice = dialledCodes.filter((c, i) => dialledCodes.indexOf(c) !== i);
  for (const code of new Set(twice)) rec.fail(-1, code, 'a voucher dialled twice');
}

/** No code whole in the database's bytes, nor the password. */
export function atRestFailures(rec: Recorder, dbFile: string, codes: Iterable<string>): void {
  const atRest = databaseBytes(dbFile);
  // Whole codes only, and long enough that no timestamp or number kept there matches by chance.
  for (const code of wholeIn(atRest, codes).slice(0, 3)) rec.fail(-1, code, 'a code in full in the database bytes');
  if (atRest.includes(PASSWORD)) rec.fail(-1, PASSWORD, 'the password in the database bytes');
}

async function checkBatch(box: FuzzBox, rec: Recorder, batch: Sent[], before: Map<string, number>, reserved: Set<string>): Promise<void> {
  const { simulator } = box.running;
  // Digits in the batch that are not codes (PH numbers, parameters of other commands, passwords) may show.
  const allowed = windowsOf(batch.map((s) => s.codes.reduce((text, c) => text.split(c.written).join(' '), s.text)));
  for (const w of reserved) allowed.add(w);
  const codes = batch.flatMap((s) => s.codes.map((c) => c.digits)).filter((c) => c.length >= 5);

  const rightTargets = new Set(batch.filter((s) => s.right).flatMap((s) => s.targets));
  for (const s of batch) {
    if (s.http && s.http.status >= 500) rec.fail(s.index, s.text, `the relay answered ${s.http.status}: ${JSON.stringify(s.http.json)}`);
    if (s.right) continue;
    if (s.http && s.http.status === 200) rec.fail(s.index, s.text, `a wrong password answered over the relay: ${JSON.stringify(s.http.json)}`);
    for (const t of s.targets) {
      if (!rightTargets.has(t) && messages(box, t) > before.get(t)!) rec.fail(s.index, s.text, `a wrong password answered by SMS to ${t}`);
    }
  }
  const leak = (where: string, text: string, index: number): void => {
    const found = leakedWindow(withoutMoney(text), codes, allowed);
    if (found) rec.fail(index, text, `${where} shows ${found.window} of code ${found.code}`);
  };
  for (const s of batch) {
    for (const t of s.targets) for (const m of simulator.phoneMessages(t).slice(before.get(t))) leak(`a reply to ${t}`, m.text, s.index);
    if (s.http) leak('the relay answer', withoutTimes(s.http.json), s.index);
  }
  const log = await box.get(`/api/v1/messages?limit=${Math.min(200, batch.length)}`);
  for (const entry of log.json.messages as Array<Record<string, unknown>>) leak('the message log API', withoutTimes(entry), batch[0]!.index);
  for (const line of box.takeLogs()) leak('a log line', logLineText(line), batch[0]!.index);
}
