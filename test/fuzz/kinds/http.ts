/**
 * Hostile HTTP against the daemon in a process of its own (so its socket limits are real), from
 * many loopback addresses at once. Every request must be answered or its socket closed within the
 * bound; no 5xx; no 2xx without the token but on public routes; a wrong command password never
 * answered; no code of a request beyond its last 4 in its answer or in full in the daemon's output;
 * the daemon alive, answering /health, its memory bounded, and its stop clean at the end.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadSimState } from '../../../src/sim/state.js';
import { TOKEN } from '../../helpers/daemon.js';
import { spawnCli } from '../../helpers/processes.js';
import { tmpDir } from '../../helpers/tmp.js';
import { httpAttack, type HttpAttack } from '../http-attacks.js';
import { boxFigures, leakedWindow, wholeIn } from '../leaks.js';
import { caseRandom, inParallel, within } from '../random.js';
import { Recorder, type KindReport } from '../report.js';
import { PASSWORD } from '../texts.js';

const WORKERS = 32;
/** A request is answered (or its socket closed) within this; an abandoned one within the box's body deadline and this. */
const ANSWER_BOUND_MS = 20_000;
const ABANDONED_BOUND_MS = 45_000;
const MEMORY_BOUND_MIB = 400;

interface Outcome {
  statuses: number[];
  body: string;
  closedWithoutAnswer: boolean;
  timedOut: boolean;
  ms: number;
}

/** Writes the attack's pieces (pausing between them when it trickles) and reads until the box closes the socket. */
function send(address: string, port: number, localAddress: string, attack: HttpAttack): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, localAddress });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (timedOut: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
      resolve({ statuses, body: text.slice(0, 200_000), closedWithoutAnswer: statuses.length === 0 && !timedOut, timedOut, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(true), attack.abandoned ? ABANDONED_BOUND_MS : ANSWER_BOUND_MS);
    socket.on('data', (chunk: Buffer) => {
      if (size < 400_000) chunks.push(chunk);
      size += chunk.length;
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('connect', async () => {
      for (const [i, piece] of attack.pieces.entries()) {
        if (settled) return;
        if (i > 0 && attack.trickleMs) await new Promise((r) => setTimeout(r, attack.trickleMs));
        socket.write(piece);
      }
    });
  });
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

export async function httpKind(count: number, seed: number, options: { abandoned?: boolean } = {}): Promise<KindReport> {
  const rec = new Recorder('http');
  const dir = tmpDir('gsmkeeper-fuzz-http-');
  const config = path.join(dir, 'gsmkeeper.yml');
  fs.writeFileSync(config, `password: "${PASSWORD}"\nhttp:\n  rechargeForm: true\nsimulator:\n  ussdDelayMs: 0\nsms:\n  dailyCap: 10000000\n  nonGroupRepliesPerHour: 10000000\n`);
  const daemon = spawnCli(['run', '--config', config, '--data-dir', path.join(dir, 'data'), '--http', '127.0.0.1:0', '--log-level', 'info'], { GSMKEEPER_TOKEN: TOKEN });
  try {
    const [, base] = await daemon.waitForOutput(/HTTP relay: http:\/\/([\d.:]+)\/api\/v1\/commands/, 30_000);
    const [host, port] = [base!.split(':')[0]!, Number(base!.split(':')[1])];
    await attack(rec, count, seed, host, port, daemon.child.pid!, options.abandoned ?? true);
    if (daemon.child.exitCode !== null) rec.fail(-1, '', `the daemon exited (${daemon.child.exitCode}) during the attack`);
    const health = await send(host, port, '127.0.0.250', { pieces: [Buffer.from('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')], trickleMs: 0, label: 'health', authorized: false, publicRoute: true, wrongPassword: false, codes: [], abandoned: false });
    if (health.statuses[0] !== 200) rec.fail(-1, '', `/api/v1/health after the attack: ${health.statuses[0] ?? 'no answer'}`);
    daemon.kill('SIGTERM');
    const code = await within(daemon.exited, 15_000);
    if (code !== 0) rec.fail(-1, '', `the daemon's stop after the attack: ${code === null ? 'still running 15 s after SIGTERM' : `exit code ${code}`}`);
  } finally {
    await daemon.stop();
  }
  const output = daemon.output();
  const codes = new Set(attackCodes(count, seed));
  const inFull = wholeIn(output, codes);
  for (const code of inFull.slice(0, 3)) rec.fail(-1, code, 'a code in full in the daemon output');
  const state = loadSimState(path.join(dir, 'data', 'simulator.json'));
  const dialled = (state?.carrier.dialLog ?? []).filter((d) => d.outcome !== 'balance').map((d) => d.ussd);
  for (const ussd of dialled) if (!/^\*101#[0-9]{15}#$/.test(ussd)) rec.fail(-1, ussd, 'dialled a code the local check should have refused');
  for (const ussd of new Set(dialled.filter((d, i) => dialled.indexOf(d) !== i))) rec.fail(-1, ussd, 'a code dialled twice');
  rec.figure('codes dialled (each rejected by the carrier until the attempt budget locks)', dialled.length);
  return rec.done();
}

function attackCodes(count: number, seed: number): string[] {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) codes.push(...httpAttack(caseRandom(seed, 'http', i), TOKEN, PASSWORD, true).codes);
  return codes;
}

async function attack(rec: Recorder, count: number, seed: number, host: string, port: number, pid: number, allowAbandoned: boolean): Promise<void> {
  const dates = boxFigures();
  const byStatus = new Map<string, number>();
  let peak = rssMiB(pid);
  const start = peak;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      // The process is gone: the checks after the attack say so.
    }
  }, 250);
  const latencies: number[] = [];
  const cases = Array.from({ length: count }, (_, i) => i);
  let worker = 0;
  try {
    await inParallel(cases, WORKERS, async (index) => {
      const localAddress = `127.0.0.${10 + (worker++ % WORKERS)}`;
      const a = httpAttack(caseRandom(seed, 'http', index), TOKEN, PASSWORD, allowAbandoned);
      const input = Buffer.concat(a.pieces).toString('latin1');
      const out = await send(host, port, localAddress, a);
      rec.tried();
      latencies.push(out.ms);
      const first = out.statuses[0];
      const key = `${a.label} → ${first ?? (out.timedOut ? 'no answer' : 'closed')}`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
      if (out.timedOut) return rec.fail(index, input, `${a.label}: neither answered nor closed within ${(a.abandoned ? ABANDONED_BOUND_MS : ANSWER_BOUND_MS) / 1000} s (stall)`);
      for (const status of out.statuses) {
        if (status >= 500) rec.fail(index, input, `${a.label}: ${status} ${out.body.slice(out.body.indexOf('\r\n\r\n') + 4, 300)}`);
        if (status >= 200 && status < 300 && !a.authorized && !a.publicRoute) rec.fail(index, input, `${a.label}: ${status} without the token`);
      }
      if (a.wrongPassword && first === 200) rec.fail(index, input, `a wrong command password answered: ${out.body.slice(0, 300)}`);
      const leaked = leakedWindow(out.body.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>'), a.codes, dates);
      if (leaked) rec.fail(index, input, `${a.label}: the answer shows ${leaked.window} of code ${leaked.code}: ${JSON.stringify(out.body.slice(out.body.indexOf('\r\n\r\n') + 4).slice(0, 300))}`);
    });
  } finally {
    clearInterval(sampler);
  }
  if (peak > MEMORY_BOUND_MIB) rec.fail(-1, '', `the daemon's RSS reached ${peak.toFixed(0)} MiB (bound ${MEMORY_BOUND_MIB})`);
  latencies.sort((x, y) => x - y);
  rec.figure('daemon RSS', `${start.toFixed(0)} MiB at start, ${peak.toFixed(0)} MiB at most`);
  rec.figure('answer time p50 / p99 / max', `${latencies[Math.floor(latencies.length / 2)]} / ${latencies[Math.floor(latencies.length * 0.99)]} / ${latencies[latencies.length - 1]} ms`);
  const top = [...byStatus.entries()].sort((x, y) => y[1] - x[1]).slice(0, 12);
  rec.figure('answers (attack → first status)', top.map(([k, n]) => `${k}: ${n}`).join('; '));
}
