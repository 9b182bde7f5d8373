/**
 * drain: N command SMS stored on each line's SIM, the daemon started, every reply sent. Over TCP to
 * `gsmkeeper simulate` (default) or a real pseudo-terminal (`--pty`, one line), the line paced at a
 * baud rate, the carrier answering each USSD after a delay.
 *   npm run bench:drain -- [N=200] [baud=115200] [--pty] [--lines 2] [--ussd-delay 300] [--recharges]
 *
 * Besides the time, it says how far that is from the physical floor of each line: the wire time of
 * the bytes it carried plus the carrier's answer time of every USSD request (which cannot overlap on
 * one line); lines drain side by side, so the box's floor is the slowest line's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lineStateFile } from '../src/cli/simulate.js';
import { loadSimState } from '../src/sim/state.js';
import { api, TOKEN } from '../test/helpers/daemon.js';
import { spawnCli, spawnPtyRelay, type Spawned } from '../test/helpers/processes.js';
import { tmpDir } from '../test/helpers/tmp.js';
import { waitFor } from '../test/helpers/wait.js';
import { machine, storedWorkload } from './lib/common.js';

export interface DrainOptions {
  /** Stored command SMS per line. */
  count: number;
  baud: number;
  pty?: boolean;
  lines?: number;
  /** The carrier's answer delay for each USSD request, in ms. */
  ussdDelayMs?: number;
  /** Every SMS a good CREDIT (else 2/5 STAT?, 2/5 good CREDIT, 1/5 bad code). */
  recharges?: boolean;
}

export interface DrainResult {
  link: string;
  lines: number;
  messages: number;
  ussdDelayMs: number;
  /** From spawning the daemon to the last reply delivered (Node's start-up included). */
  fromSpawnSeconds: number;
  /** From the daemon opening its first line to the last reply delivered: what the floor is set against. */
  seconds: number;
  bytes: number;
  wireSeconds: number;
  /** Wire time plus the carrier's answer time, of the slowest line. */
  floorSeconds: number;
  ratio: number;
  atPerMessage: number;
}

interface LineStats {
  commands: number;
  bytesToModem: number;
  bytesToDte: number;
}

export async function drain(options: DrainOptions): Promise<DrainResult> {
  const { count, baud } = options;
  const lines = options.pty ? 1 : (options.lines ?? 1);
  const delay = options.ussdDelayMs ?? 0;
  const dir = tmpDir('gsmkeeper-drain-');
  const stateFile = path.join(dir, 'sim.json');
  let answers = 0;
  for (let n = 1; n <= lines; n++) answers += storedWorkload(lineStateFile(stateFile, n), count, options.recharges ? 'recharges' : 'mixed', n).answers;
  const env = { GSMKEEPER_TOKEN: TOKEN };
  const simArgs = ['simulate', '--state', stateFile, '--http', '127.0.0.1:0', '--ussd-delay', String(delay), '--baud', String(baud), '--storage', String(count + 10), '--lines', String(lines), '--dialect', Array(lines).fill('vivacom').join(',')];
  let sim: Spawned;
  let ports: string[];
  if (options.pty) {
    const tty = path.join(dir, 'ttyGSM0');
    sim = spawnPtyRelay(tty, [...simArgs, '--stdio'], env);
    ports = [tty];
  } else {
    sim = spawnCli([...simArgs, '--listen', '127.0.0.1:0'], env);
    ports = [];
    for (let n = 1; n <= lines; n++) ports.push((await sim.waitForOutput(new RegExp(`SIMULATOR LISTENING (tcp://\\S+)${lines > 1 ? ` line${n} ` : ''}`)))[1]!);
  }
  const simHttp = (await sim.waitForOutput(/SIMULATOR HTTP (http:\/\/\S+)/))[1]!;
  const statsOf = async (): Promise<LineStats[]> =>
    Promise.all(ports.map(async (_port, i) => (await api(simHttp, 'GET', `/api/v1/sim/stats${lines > 1 ? `?line=line${i + 1}` : ''}`)).json as LineStats));
  const before = await statsOf();

  // The default daily cap of 50 SMS would (rightly) stop a 200-message drain.
  const config = path.join(dir, 'gsmkeeper.yml');
  const lineConfig = lines > 1 ? `lines:\n${ports.map((port, i) => `  - name: line${i + 1}\n    port: ${port}\n`).join('')}` : '';
  fs.writeFileSync(config, `sms:\n  dailyCap: ${count * 2}\nmodem:\n  lockDir: ${dir}\n${lineConfig}`);
  const portArgs = lines > 1 ? [] : ['--port', ports[0]!, '--baud', String(baud)];
  const spawnedAt = Date.now();
  const daemon = spawnCli(['run', '--config', config, ...portArgs, '--data-dir', path.join(dir, 'data'), '--http', '', '--log-level', 'warn'], env);
  let delivered = 0;
  await waitFor(async () => {
    delivered = (await api(simHttp, 'GET', '/api/v1/sim/stats')).json.delivered;
    return delivered >= answers;
  }, 600_000, 'every reply delivered');
  const after = await statsOf();
  daemon.kill('SIGKILL');
  sim.kill('SIGTERM');
  await Promise.all([daemon.exited, sim.exited]);

  // From the simulator's own clock: the daemon opening the first line, to the last reply delivered.
  const opened = Math.min(...[...sim.output().matchAll(/\{[^\n]*"msg":"modem line opened"[^\n]*\}/g)].map((m) => Date.parse(String((JSON.parse(m[0]) as { time: string }).time))));
  const states = ports.map((_port, i) => loadSimState(lineStateFile(stateFile, i + 1))!);
  const lastDelivery = Math.max(...states.flatMap((state) => Object.values(state.phones).flat().map((message) => Date.parse(message.at))));
  // A pseudo-terminal's line is open before the daemon comes: there, from the spawn.
  const seconds = (lastDelivery - (Number.isFinite(opened) ? opened : spawnedAt)) / 1000;

  const perLine = after.map((stats, i) => {
    const bytes = stats.bytesToModem - before[i]!.bytesToModem + stats.bytesToDte - before[i]!.bytesToDte;
    const dials = states[i]!.carrier.dialLog.length;
    return { bytes, wire: (bytes * 10) / baud, answer: (dials * delay) / 1000, commands: stats.commands - before[i]!.commands };
  });
  const bytes = perLine.reduce((n, line) => n + line.bytes, 0);
  const floorSeconds = Math.max(...perLine.map((line) => line.wire + line.answer));
  return {
    link: options.pty ? 'pty' : 'tcp',
    lines,
    messages: count * lines,
    ussdDelayMs: delay,
    fromSpawnSeconds: (lastDelivery - spawnedAt) / 1000,
    seconds,
    bytes,
    wireSeconds: Math.max(...perLine.map((line) => line.wire)),
    floorSeconds,
    ratio: seconds / floorSeconds,
    atPerMessage: perLine.reduce((n, line) => n + line.commands, 0) / (count * lines),
  };
}

export function printDrain(results: DrainResult[], baud: number): void {
  console.table(
    results.map((r) => ({
      link: r.link,
      lines: r.lines,
      'stored SMS': r.messages,
      'carrier answer (ms)': r.ussdDelayMs,
      'from spawn (s)': r.fromSpawnSeconds.toFixed(2),
      'from the line opened (s)': r.seconds.toFixed(2),
      'bytes on the lines': r.bytes,
      [`wire time at ${baud} (s)`]: r.wireSeconds.toFixed(2),
      'floor: wire + answers (s)': r.floorSeconds.toFixed(2),
      'ratio to the floor': r.ratio.toFixed(3),
      'AT commands / message': r.atPerMessage.toFixed(2),
    })),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const valueOf = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const positional = argv.filter((a, i) => !a.startsWith('--') && !['--lines', '--ussd-delay'].includes(argv[i - 1] ?? ''));
  const options: DrainOptions = {
    count: Number(positional[0] ?? 200),
    baud: Number(positional[1] ?? 115200),
    pty: argv.includes('--pty'),
    lines: Number(valueOf('--lines') ?? 1),
    ussdDelayMs: Number(valueOf('--ussd-delay') ?? 0),
    recharges: argv.includes('--recharges'),
  };
  const kind = options.recharges ? 'good CREDIT each' : '2/5 STAT?, 2/5 good CREDIT, 1/5 bad code';
  console.log(`drain: ${options.count} stored command SMS per line (${kind}) on ${options.lines} line(s), paced at ${options.baud} baud both ways, the carrier answering USSD after ${options.ussdDelayMs} ms`);
  console.log(`machine: ${machine()}`);
  console.log("time: until the simulated network delivered the last reply, from spawning the daemon, and from the daemon opening its first line (the simulator's clock)");
  printDrain([await drain(options)], options.baud);
}
