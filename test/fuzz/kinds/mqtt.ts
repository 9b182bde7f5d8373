/**
 * Hostile publications to the box's MQTT bridge through a real broker (aedes, a process of its
 * own), in batches. After each batch: the bridge still connected and a good command answered
 * within the bound; every command without a usable id answered once on `errors`, every other
 * answered (but a text the grammar drops) with one answer, a copy sent again with the same one; no
 * wrong password answered (not on the broker, not to a PH number); no code beyond its last 4 in
 * anything published or logged. At the end: no voucher dialled twice, none dialled that the local
 * check should refuse, no code whole in the log lines or the database's bytes.
 */
import type { MqttClient } from 'mqtt';
import { canonicalNumber } from '../../../src/codec/address.js';
import { connectTester, recorder, startBroker, type Received } from '../../helpers/broker.js';
import type { MqttBox } from '../../helpers/mqtt-box.js';
import { startFuzzBox, type FuzzBox } from '../box.js';
import { boxFigures, leakedWindow, logLineText, wholeIn, windowsOf, withoutMoney, withoutTimes } from '../leaks.js';
import { mqttAttack, readAsTheBox, type MqttAttack } from '../mqtt-attacks.js';
import { caseRandom } from '../random.js';
import { Recorder, type KindReport } from '../report.js';
import { PASSWORD } from '../texts.js';
import { atRestFailures, dialledFailures, rechargesDialled } from './sms.js';

const BATCH = 50;
const PROBE_BOUND_MS = 30_000;
const SETTLE_BOUND_MS = 60_000;
const BOX_ID = 'fuzzbox';
const PREFIX = `gsmkeeper/${BOX_ID}`;

interface Sent extends MqttAttack {
  index: number;
  /** On the command topic, with the id it is answered by. */
  command: boolean;
  id: string | null;
  mayBeSilent: boolean;
}

type MqttFuzzBox = FuzzBox<MqttBox>;

export async function mqttKind(count: number, seed: number): Promise<KindReport> {
  const rec = new Recorder('mqtt');
  const broker = await startBroker();
  let box: MqttFuzzBox | null = null;
  let tester: MqttClient | null = null;
  try {
    box = await startFuzzBox({ vouchers: Math.max(10, Math.ceil(count / 20)), mqtt: { url: broker.url, boxId: BOX_ID } });
    tester = await connectTester(broker.url);
    const heard = recorder(tester);
    await tester.subscribeAsync([`${PREFIX}/#`, 'homeassistant/#'], { qos: 1 });
    await heard.next(`${PREFIX}/status`, (m) => m.text === 'online', PROBE_BOUND_MS);
    // The bridge's first connection is no reconnection: its lines are not the first batch's.
    box.takeLogs();
    await run(box, tester, heard.messages, rec, count, seed);
  } finally {
    await tester?.endAsync(true);
    await box?.stop();
    await broker.stop();
  }
  return rec.done();
}

let probes = 0;

/** A good command (`*<password> STAT?`) answered within the bound: null, else what went wrong. */
async function probe(tester: MqttClient, heard: Received[]): Promise<string | null> {
  const id = `probe${probes++}`;
  await tester.publishAsync(`${PREFIX}/cmd`, JSON.stringify({ id, text: `*${PASSWORD} STAT?` }), { qos: 1 });
  const deadline = Date.now() + PROBE_BOUND_MS;
  while (Date.now() < deadline) {
    const answer = heard.find((m) => m.topic === `${PREFIX}/res/${id}`);
    if (answer) return /"ok":true/.test(answer.text) && /Signal -?\d+ ?dBm/.test(answer.text) ? null : `the probe was answered ${answer.text.slice(0, 300)}`;
    await new Promise((r) => setTimeout(r, 20));
  }
  return `the probe's STAT? was not answered within ${PROBE_BOUND_MS / 1000} s`;
}

async function run(box: MqttFuzzBox, tester: MqttClient, heard: Received[], rec: Recorder, count: number, seed: number): Promise<void> {
  const { simulator } = box.running;
  const vouchers = simulator.unusedVouchers().map((v) => v.pin);
  const reserved = boxFigures();
  const allCodes = new Set<string>();
  const byLabel = new Map<string, number>();
  let published = 0;
  let logBytes = 0;
  let reconnections = 0;

  for (let first = 0; first < count; first += BATCH) {
    const batch: Sent[] = [];
    for (let index = first; index < Math.min(count, first + BATCH); index++) {
      const r = caseRandom(seed, 'mqtt', index);
      const voucher = r.chance(0.17) && vouchers.length ? vouchers[r.int(0, Math.min(vouchers.length, 3) - 1)]! : null;
      const attack = mqttAttack(r, PREFIX, index, voucher);
      if (voucher && attack.codes.some((c) => c.dialable) && r.chance(0.6)) vouchers.splice(vouchers.indexOf(voucher), 1);
      const command = attack.topic === `${PREFIX}/cmd`;
      const read = command ? readAsTheBox(attack.payload) : { id: null, text: false };
      batch.push({ ...attack, index, command, id: read.id, mayBeSilent: read.text });
      for (const code of attack.codes) allCodes.add(code.digits);
      byLabel.set(attack.label, (byLabel.get(attack.label) ?? 0) + 1);
    }
    const from = heard.length;
    const sms = new Map<string, number>();
    for (const s of batch) for (const t of s.targets) sms.set(t, simulator.phoneMessages(t).length);
    for (const s of batch) {
      for (let copy = 0; copy < (s.twice ? 2 : 1); copy++) {
        await tester.publishAsync(s.topic, s.payload, { qos: 1 });
        published += 1;
      }
    }
    rec.tried(batch.length);
    // The first probe comes after the batch (the broker keeps one client's order): once it is
    // answered, the box has read the whole batch; once settled, the second one says its answers are out.
    const problem = (await probe(tester, heard)) ?? ((await box.settled(SETTLE_BOUND_MS)) ? null : `not settled within ${SETTLE_BOUND_MS / 1000} s: ${box.busy()}`) ?? (await probe(tester, heard));
    if (problem || !box.running.bridge.connected) {
      rec.fail(batch[0]!.index, batch.map((s) => `${s.topic} ${s.payload.toString('latin1').slice(0, 200)}`).join(' ‖ '), problem ?? 'the bridge is no longer connected to the broker');
      return;
    }
    const logs = box.takeLogs();
    const reconnected = logs.filter((line) => line.includes('"msg":"connected to the MQTT broker"')).length;
    reconnections += reconnected;
    logBytes += logs.reduce((n, line) => n + line.length, 0);
    checkBatch(box, rec, batch, fromTheBox(heard.slice(from), batch), sms, logs, reserved, reconnected > 0);
  }

  const dialled = rechargesDialled(simulator);
  dialledFailures(rec, dialled);
  atRestFailures(rec, box.dbFile, allCodes);
  rec.figure('publications', `${published} (${count} cases, the rest copies under the same id): ${[...byLabel.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  rec.figure('vouchers dialled', dialled.length);
  rec.figure('answers and errors heard', heard.filter((m) => m.topic.startsWith(`${PREFIX}/res/`) || m.topic === `${PREFIX}/errors`).length);
  rec.figure('reconnections of the bridge (the broker dropped it; QoS 1 delivered again what was not acknowledged)', reconnections);
  rec.figure('log written (trace level)', `${(logBytes / 2 ** 20).toFixed(1)} MiB`);
}

/**
 * What the box published: the harness hears its own publications too (it listens to the whole
 * prefix, and some attacks write where the box does), so one heard copy of each is left out, and
 * the probes and their answers.
 */
function fromTheBox(heard: Received[], batch: Sent[]): Received[] {
  const own = new Map<string, number>();
  const key = (topic: string, payload: string): string => `${topic}\u0000${payload}`;
  for (const s of batch) own.set(key(s.topic, s.payload.toString()), (own.get(key(s.topic, s.payload.toString())) ?? 0) + (s.twice ? 2 : 1));
  return heard.filter((m) => {
    const n = own.get(key(m.topic, m.text)) ?? 0;
    if (n > 0) own.set(key(m.topic, m.text), n - 1);
    return n === 0 && !/"id":"probe\d+"/.test(m.text);
  });
}

/**
 * `redelivered`: the bridge reconnected during the batch, so the broker may have delivered again
 * commands the box had not yet acknowledged (QoS 1 is at least once): a refused one is then refused
 * again, a recorded one answered again from the record; the answers must still agree.
 */
function checkBatch(box: MqttFuzzBox, rec: Recorder, batch: Sent[], heard: Received[], sms: Map<string, number>, logs: string[], reserved: Set<string>, redelivered: boolean): void {
  const { simulator } = box.running;
  const input = (s: Sent): string => `${s.label}: ${s.topic} ${s.payload.toString('utf8')}`;
  const answers = new Map<string, Received[]>();
  for (const m of heard) {
    if (!m.topic.startsWith(`${PREFIX}/res/`)) continue;
    const id = m.topic.slice(`${PREFIX}/res/`.length);
    answers.set(id, [...(answers.get(id) ?? []), m]);
  }
  const onErrors = heard.filter((m) => m.topic === `${PREFIX}/errors`);
  const errors = onErrors.length;
  const withoutId = batch.filter((s) => s.command && s.id === null).reduce((n, s) => n + (s.twice ? 2 : 1), 0);
  if (redelivered ? errors < withoutId : errors !== withoutId) rec.fail(batch[0]!.index, batch.filter((s) => s.command && s.id === null).map(input).join(' ‖ '), `${withoutId} commands without a usable id, ${errors} answers on errors: ${onErrors.map((m) => m.text).join(' / ')}`);

  // Numbers as the simulated network files them (0888… and +359888… are one phone).
  const phone = (number: string): string => canonicalNumber(number, '359');
  const rightTargets = new Set(batch.filter((s) => !s.wrongPassword).flatMap((s) => s.targets.map(phone)));
  for (const s of batch) {
    if (!s.command || s.id === null) continue;
    const got = answers.get(s.id) ?? [];
    if (got.length === 0 && !s.mayBeSilent) rec.fail(s.index, input(s), 'not answered');
    if (got.length > (s.twice ? 2 : 1) && !redelivered) rec.fail(s.index, input(s), `answered ${got.length} times: ${got.map((m) => m.text).join(' / ')}`);
    // A copy is answered from the record (the same bytes), or, when the first was refused unrun, refused alike.
    const said = got.map((m) => JSON.stringify({ ...m.json(), at: undefined }));
    if (said.some((text) => text !== said[0])) rec.fail(s.index, input(s), `a copy under the same id answered otherwise: ${got.map((m) => m.text).join(' / ')}`);
    if (s.wrongPassword) {
      if (got.some((m) => /"ok":true/.test(m.text))) rec.fail(s.index, input(s), `a wrong password answered: ${got[0]!.text}`);
      for (const t of s.targets) if (!rightTargets.has(phone(t)) && simulator.phoneMessages(t).length > sms.get(t)!) rec.fail(s.index, input(s), `a wrong password answered by SMS to ${t}`);
    }
  }

  // Digits the batch carried that are not codes (ids, numbers, parameters) may show; codes of 5 digits or more may not.
  const allowed = windowsOf(batch.map((s) => s.codes.reduce((text, c) => text.split(c.written).join(' '), s.payload.toString('utf8'))));
  for (const w of reserved) allowed.add(w);
  const codes = batch.flatMap((s) => s.codes.map((c) => c.digits)).filter((c) => c.length >= 5);
  const leak = (where: string, text: string): void => {
    const found = leakedWindow(withoutMoney(text), codes, allowed);
    if (found) rec.fail(batch[0]!.index, text.slice(0, 400), `${where} shows ${found.window} of code ${found.code}`);
  };
  for (const m of heard) {
    let value: unknown = m.text;
    try {
      value = JSON.parse(m.text);
    } catch {
      // Not JSON (a status): read as it is.
    }
    leak(`a publication on ${m.topic}`, withoutTimes(value));
  }
  for (const s of batch) for (const t of s.targets) for (const m of simulator.phoneMessages(t).slice(sms.get(t))) leak(`an SMS to ${t}`, m.text);
  for (const line of logs) leak('a log line', logLineText(line));
  for (const code of wholeIn(logs.join('\n'), codes).slice(0, 3)) rec.fail(batch[0]!.index, code, 'a code in full in a log line');
}
