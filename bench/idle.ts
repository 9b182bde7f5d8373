/**
 * idle: the daemon on its built-in simulator doing nothing: start-up time to READY (and how much of
 * it was the modem's own init), then RSS and CPU sampled from /proc over a period.
 *   npm run bench:idle -- [seconds=600]
 */
import fs from 'node:fs';
import path from 'node:path';
import { NODE_FLAGS, spawnCli, spawnProcess } from '../test/helpers/processes.js';
import { tmpDir } from '../test/helpers/tmp.js';
import { machine } from './lib/common.js';

const TICKS = 100; // USER_HZ on Linux

function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function statusMiB(pid: number, field: 'VmRSS' | 'RssAnon' | 'RssFile'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

const rssMiB = (pid: number): number => statusMiB(pid, 'VmRSS');

/** Node itself with the same flags, doing nothing: the floor under any daemon written for it. */
async function bareNodeRss(): Promise<number> {
  const child = spawnProcess(process.execPath, [...NODE_FLAGS, '-e', 'setTimeout(() => {}, 60000)']);
  await new Promise((r) => setTimeout(r, 1500));
  const rss = rssMiB(child.child.pid!);
  child.kill('SIGTERM');
  await child.exited;
  return rss;
}

export interface IdleResult {
  seconds: number;
  startupMs: number;
  modemInitMs: number;
  spawnToReadyMs: number;
  rssStart: number;
  rssEnd: number;
  rssMax: number;
  /** At the end: private memory (heap, stacks) and file-backed pages (the node binary, native modules), shared and reclaimable. */
  rssAnonEnd: number;
  rssFileEnd: number;
  bareNodeRss: number;
  cpuPercent: number;
}

/**
 * Idle on the built-in simulator: its demo of two lines, or (`lines` 1) a box of the one line main;
 * `run` with `extraArgs` (e.g. `--mqtt <url>`), idle for `seconds` from the log line `from` matches (READY by default).
 */
export async function idle(seconds: number, lines: 1 | 2 = 2, extraArgs: string[] = [], from?: RegExp): Promise<IdleResult> {
  const dir = tmpDir('gsmkeeper-idle-');
  const config = path.join(dir, 'gsmkeeper.yml');
  fs.writeFileSync(config, lines === 1 ? 'lines:\n  - name: main\n' : '');
  const spawned = performance.now();
  const daemon = spawnCli(['run', '--config', config, '--data-dir', path.join(dir, 'data'), '--http', '127.0.0.1:0', '--log-level', 'info', ...extraArgs]);
  const [line] = await daemon.waitForOutput(/\{[^\n]*"msg":"ready"[^\n]*\}/);
  if (from) await daemon.waitForOutput(from);
  const spawnToReadyMs = performance.now() - spawned;
  const ready = JSON.parse(line!) as { startupMs: number; modemInitMs: number };
  const pid = daemon.child.pid!;
  const rssStart = rssMiB(pid);
  const cpuStart = cpuTicks(pid);
  let rssMax = rssStart;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await new Promise((r) => setTimeout(r, Math.min(5000, seconds * 1000)));
    rssMax = Math.max(rssMax, rssMiB(pid));
  }
  const cpuSeconds = (cpuTicks(pid) - cpuStart) / TICKS;
  const wall = (performance.now() - started) / 1000;
  const rssEnd = rssMiB(pid);
  const rssAnonEnd = statusMiB(pid, 'RssAnon');
  const rssFileEnd = statusMiB(pid, 'RssFile');
  daemon.kill('SIGTERM');
  await daemon.exited;
  return {
    seconds, startupMs: ready.startupMs, modemInitMs: ready.modemInitMs, spawnToReadyMs, rssStart, rssEnd, rssMax,
    rssAnonEnd, rssFileEnd, bareNodeRss: await bareNodeRss(), cpuPercent: (cpuSeconds / wall) * 100,
  };
}

export function printIdle(r: IdleResult): void {
  console.table({
    'start-up to READY, process uptime (ms)': r.startupMs,
    '  of which the modem init (ms)': r.modemInitMs,
    '  start-up excluding the modem init (ms)': r.startupMs - r.modemInitMs,
    'spawn to READY seen by the parent (ms)': Math.round(r.spawnToReadyMs),
    'RSS at start of idle (MiB)': r.rssStart.toFixed(1),
    [`RSS after ${r.seconds} s idle (MiB)`]: r.rssEnd.toFixed(1),
    'RSS max (MiB)': r.rssMax.toFixed(1),
    '  at the end: private (RssAnon, MiB)': r.rssAnonEnd.toFixed(1),
    '  at the end: file-backed, shared (RssFile, MiB)': r.rssFileEnd.toFixed(1),
    'Node alone, same flags, idle (MiB)': r.bareNodeRss.toFixed(1),
    'CPU while idle (%)': r.cpuPercent.toFixed(3),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.argv[2] ?? 600);
  const lines = process.argv.includes('--lines') && process.argv[process.argv.indexOf('--lines') + 1] === '1' ? 1 : 2;
  console.log(`idle: the daemon on its built-in simulator (${lines === 2 ? 'the demo, two lines' : 'one line'}), idle for ${seconds} s; RSS and CPU from /proc; node ${NODE_FLAGS.join(' ')}`);
  console.log(`machine: ${machine()}`);
  printIdle(await idle(seconds, lines));
}
