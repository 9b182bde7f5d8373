import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadSimState } from '../../src/sim/state.js';
import { api, TOKEN } from '../helpers/daemon.js';
import { databaseBytes } from '../helpers/database-bytes.js';
import { spawnCli, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

export interface ChaosOptions {
  kills: number;
  /** Commands sent per daemon life (each from a phone of its own, so none is a duplicate). */
  commandsPerLife?: number;
  /** Longest a daemon lives before SIGKILL, in ms (each life is random within it). */
  maxLifeMs?: number;
  seed?: number;
  onProgress?: (line: string) => void;
}

type Kind = 'stat' | 'good-credit' | 'bad-credit' | 'wrong-password';

interface Sent {
  phone: string;
  kind: Kind;
  code?: string;
}

export interface ChaosReport {
  kills: number;
  sent: number;
  byKind: Record<Kind, number>;
  answeredOnce: number;
  unansweredUncertain: number;
  answeredTwice: number;
  /** What each phone answered more than once received, so a failure says what went wrong. */
  twice: Array<{ kind: Kind; replies: string[]; outbox: Array<{ state: string; text: string }>; commands: unknown[] }>;
  unanswered: number;
  repliesToWrongPasswords: number;
  duplicateDials: number;
  dials: number;
  rechargesByState: Record<string, number>;
  leftDialling: number;
  leftUnfinished: number;
  /** Voucher codes found in full in anything the daemon wrote. */
  leakedCodes: number;
  /** Voucher codes found in full in the database's bytes (the file, its WAL, its shared memory). */
  codesAtRest: number;
  seconds: number;
}

/** A small deterministic generator, so a failing run can be replayed with its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

/**
 * Crash test: the compiled daemon against the simulator in a separate process (the modem and its
 * carrier outlive every crash), a mixed workload, SIGKILL at random moments, restart, and at the
 * end the witnesses: the phones' inboxes, the carrier's dial log and the daemon's own database.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const processes: Spawned[] = [];
  try {
    return await chaosRun(options, (spawned) => (processes.push(spawned), spawned));
  } finally {
    // Whatever happened (a wait that timed out, a failed assertion), no process outlives the run.
    await Promise.all(processes.map((p) => p.stop()));
  }
}

async function chaosRun(options: ChaosOptions, track: (spawned: Spawned) => Spawned): Promise<ChaosReport> {
  const started = Date.now();
  const rnd = random(options.seed ?? 20261121);
  const perLife = options.commandsPerLife ?? 4;
  const maxLife = options.maxLifeMs ?? 600;
  const dir = tmpDir('gsmkeeper-chaos-');
  const carriers = path.join(dir, 'carriers');
  fs.mkdirSync(carriers);
  // The carrier blocks at 5 bad codes; allow ourselves 4 so good cards keep flowing through the run.
  const vivacom = JSON.parse(fs.readFileSync(path.resolve('carriers/vivacom.json'), 'utf8'));
  vivacom.attemptLimit = { ...vivacom.attemptLimit, carrierLimit: 4, margin: 0 };
  fs.writeFileSync(path.join(carriers, 'vivacom.json'), JSON.stringify(vivacom));
  const configFile = path.join(dir, 'gsmkeeper.yml');
  // The simulator answers *102# with the balance, so interrupted recharges get reconciled.
  fs.writeFileSync(configFile, `carriersDir: ${carriers}\ncredit:\n  balanceUssd: "*102#"\nsms:\n  dailyCap: 100000\n`);

  const env = { GSMKEEPER_TOKEN: TOKEN };
  const stateFile = path.join(dir, 'sim.json');
  const sim = track(spawnCli(['simulate', '--listen', '127.0.0.1:0', '--http', '127.0.0.1:0', '--state', stateFile, '--ussd-delay', '40', '--vouchers', String(options.kills * perLife + 20)], env));
  const [, modem] = await sim.waitForOutput(/SIMULATOR LISTENING (tcp:\/\/\S+)/);
  const [, simHttp] = await sim.waitForOutput(/SIMULATOR HTTP (http:\/\/\S+)/);
  const vouchers: string[] = (await api(simHttp!, 'GET', '/api/v1/sim/vouchers')).json.vouchers.map((v: { pin: string }) => v.pin);

  const daemonLog = path.join(dir, 'daemon.log');
  const startDaemon = async (): Promise<Spawned> => {
    const daemon = track(spawnCli(['run', '--config', configFile, '--port', modem!, '--data-dir', path.join(dir, 'data'), '--http', '', '--log-level', 'debug'], env));
    daemon.child.stdout!.on('data', (chunk: Buffer) => fs.appendFileSync(daemonLog, chunk));
    daemon.child.stderr!.on('data', (chunk: Buffer) => fs.appendFileSync(daemonLog, chunk));
    return daemon;
  };

  const sent: Sent[] = [];
  let badCodes = 0;
  const send = async (): Promise<void> => {
    const phone = `+3598899${String(sent.length).padStart(5, '0')}`;
    const roll = rnd();
    let kind: Kind = roll < 0.35 ? 'stat' : roll < 0.65 ? 'good-credit' : roll < 0.75 ? 'bad-credit' : 'wrong-password';
    if (kind === 'bad-credit' && badCodes >= 3) kind = 'stat';
    let text = '*123456 STAT?';
    let code: string | undefined;
    if (kind === 'good-credit') code = vouchers.shift();
    if (kind === 'bad-credit') {
      badCodes += 1;
      code = String(Math.floor(100000000000000 + rnd() * 800000000000000));
    }
    if (code) text = `*123456 CREDIT ${code}`;
    if (kind === 'wrong-password') text = `*${String(Math.floor(200000 + rnd() * 700000))} STAT?`;
    sent.push({ phone, kind, ...(code ? { code } : {}) });
    await api(simHttp!, 'POST', '/api/v1/sim/sms', { from: phone, text });
  };

  for (let life = 0; life < options.kills; life++) {
    const daemon = await startDaemon();
    for (let i = 0; i < perLife; i++) {
      await send();
      await new Promise((r) => setTimeout(r, rnd() * (maxLife / perLife)));
    }
    daemon.kill('SIGKILL');
    await daemon.exited;
    options.onProgress?.(`kill ${life + 1}/${options.kills}: ${sent.length} commands sent`);
  }

  // A last life that is allowed to finish everything.
  const last = await startDaemon();
  await last.waitForOutput(/"msg":"ready"/, 60_000);
  const dbFile = path.join(dir, 'data', 'gsmkeeper.db');
  await waitFor(() => {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      const busy = db.prepare("SELECT (SELECT COUNT(*) FROM commands WHERE state IN ('received', 'executing')) + (SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')) AS n").get() as { n: number };
      const commands = (db.prepare('SELECT COUNT(*) AS n FROM commands').get() as { n: number }).n;
      return busy.n === 0 && commands === sent.length;
    } finally {
      db.close();
    }
  }, 120_000, 'every command settled and every reply sent');
  last.kill('SIGTERM');
  await last.exited;
  sim.kill('SIGTERM');
  await sim.exited;

  const state = loadSimState(stateFile)!;
  const db = new Database(dbFile, { readonly: true });
  const replyState = (phone: string): string | undefined =>
    (db.prepare("SELECT o.state FROM outbox o JOIN commands c ON c.id = o.command_id WHERE c.sender = ? ORDER BY o.id DESC LIMIT 1").get(phone) as { state: string } | undefined)?.state;
  const report: ChaosReport = {
    kills: options.kills,
    sent: sent.length,
    byKind: { stat: 0, 'good-credit': 0, 'bad-credit': 0, 'wrong-password': 0 },
    answeredOnce: 0,
    unansweredUncertain: 0,
    answeredTwice: 0,
    twice: [],
    unanswered: 0,
    repliesToWrongPasswords: 0,
    duplicateDials: 0,
    dials: state.carrier.dialLog.length,
    rechargesByState: {},
    leftDialling: 0,
    leftUnfinished: (db.prepare("SELECT COUNT(*) AS n FROM commands WHERE state IN ('received', 'executing')").get() as { n: number }).n,
    leakedCodes: 0,
    codesAtRest: 0,
    seconds: 0,
  };
  for (const s of sent) {
    report.byKind[s.kind] += 1;
    const replies = state.phones[s.phone]?.length ?? 0;
    if (s.kind === 'wrong-password') {
      report.repliesToWrongPasswords += replies;
      continue;
    }
    if (replies === 1) report.answeredOnce += 1;
    else if (replies > 1) {
      report.answeredTwice += 1;
      const outbox = db.prepare('SELECT o.state, o.text FROM outbox o JOIN commands c ON c.id = o.command_id WHERE c.sender = ? ORDER BY o.id').all(s.phone) as Array<{ state: string; text: string }>;
      const commands = db.prepare('SELECT c.id, c.state, c.created_at, c.finished_at, i.dedupe_key, i.received_at, i.pdu FROM commands c LEFT JOIN inbox i ON i.id = c.inbox_id WHERE c.sender = ? ORDER BY c.id').all(s.phone);
      report.twice.push({ kind: s.kind, replies: state.phones[s.phone]!.map((m) => m.text), outbox, commands });
    }
    else if (replyState(s.phone) === 'uncertain') report.unansweredUncertain += 1;
    else report.unanswered += 1;
  }
  // Balance checks may repeat; a recharge string (a voucher) must never.
  const dialled = state.carrier.dialLog.filter((d) => d.outcome !== 'balance').map((d) => d.ussd);
  report.duplicateDials = dialled.length - new Set(dialled).size;
  for (const row of db.prepare('SELECT state, COUNT(*) AS n FROM recharges GROUP BY state').all() as Array<{ state: string; n: number }>) report.rechargesByState[row.state] = row.n;
  report.leftDialling = report.rechargesByState.dialling ?? 0;
  db.close();
  const written = fs.readFileSync(daemonLog, 'utf8');
  report.leakedCodes = sent.filter((s) => s.code && written.includes(s.code)).length;
  const atRest = databaseBytes(dbFile);
  report.codesAtRest = sent.filter((s) => s.code && atRest.includes(s.code)).length;
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}
