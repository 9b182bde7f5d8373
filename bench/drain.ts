/**
 * drain: N command SMS stored on the SIM, the daemon started, every reply sent. Over TCP to
 * `gsmkeeper simulate` (default) or a real pseudo-terminal (`--pty`), the line paced at a baud rate.
 *   npm run bench:drain -- [N=200] [baud=115200] [--pty]
 */
import fs from 'node:fs';
import path from 'node:path';
import { api, TOKEN } from '../test/helpers/daemon.js';
import { CLI, spawnCli, spawnProcess, type Spawned } from '../test/helpers/processes.js';
import { tmpDir } from '../test/helpers/tmp.js';
import { waitFor } from '../test/helpers/wait.js';
import { machine, storedWorkload } from './lib/common.js';

export interface DrainResult {
  link: string;
  messages: number;
  seconds: number;
  bytes: number;
  wireSeconds: number;
  ratio: number;
  atPerMessage: number;
}

export async function drain(count: number, baud: number, pty: boolean): Promise<DrainResult> {
  const dir = tmpDir('gsmkeeper-drain-');
  const work = storedWorkload(dir, count);
  const env = { GSMKEEPER_TOKEN: TOKEN };
  const simArgs = ['simulate', '--state', work.stateFile, '--http', '127.0.0.1:0', '--ussd-delay', '0', '--baud', String(baud), '--storage', String(count + 10)];
  let sim: Spawned;
  let port: string;
  if (pty) {
    const tty = path.join(dir, 'ttyGSM0');
    sim = spawnProcess('socat', [`pty,raw,echo=0,link=${tty}`, `EXEC:${[process.execPath, CLI, ...simArgs, '--stdio'].join(' ').replaceAll(':', '\\:')}`], env);
    port = tty;
  } else {
    sim = spawnCli([...simArgs, '--listen', '127.0.0.1:0'], env);
    port = (await sim.waitForOutput(/SIMULATOR LISTENING (tcp:\/\/\S+)/))[1]!;
  }
  const simHttp = (await sim.waitForOutput(/SIMULATOR HTTP (http:\/\/\S+)/))[1]!;
  const before = (await api(simHttp, 'GET', '/api/v1/sim/stats')).json;

  const started = performance.now();
  // The default daily cap of 50 SMS would (rightly) stop a 200-message drain.
  const config = path.join(dir, 'gsmkeeper.yml');
  fs.writeFileSync(config, `sms:\n  dailyCap: ${count * 2}\nmodem:\n  lockDir: ${dir}\n`);
  const daemon = spawnCli(['run', '--config', config, '--port', port, '--baud', String(baud), '--data-dir', path.join(dir, 'data'), '--http', '', '--log-level', 'warn'], env);
  let stats = before;
  await waitFor(async () => {
    stats = (await api(simHttp, 'GET', '/api/v1/sim/stats')).json;
    return stats.delivered >= work.answers;
  }, 300_000, 'every reply delivered');
  const seconds = (performance.now() - started) / 1000;
  daemon.kill('SIGKILL');
  sim.kill('SIGTERM');
  await Promise.all([daemon.exited, sim.exited]);

  const bytes = stats.bytesToModem - before.bytesToModem + stats.bytesToDte - before.bytesToDte;
  const wireSeconds = (bytes * 10) / baud;
  return {
    link: pty ? 'pty (socat)' : 'tcp',
    messages: count,
    seconds,
    bytes,
    wireSeconds,
    ratio: seconds / wireSeconds,
    atPerMessage: (stats.commands - before.commands) / count,
  };
}

export function printDrain(results: DrainResult[], baud: number): void {
  console.table(
    results.map((r) => ({
      link: r.link,
      'stored SMS': r.messages,
      'all replies sent (s)': r.seconds.toFixed(2),
      'bytes on the line': r.bytes,
      [`wire time at ${baud} (s)`]: r.wireSeconds.toFixed(2),
      ratio: r.ratio.toFixed(2),
      'AT commands / message': r.atPerMessage.toFixed(2),
    })),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const count = Number(args[0] ?? 200);
  const baud = Number(args[1] ?? 115200);
  const pty = process.argv.includes('--pty');
  console.log(`drain: ${count} stored command SMS (2/5 STAT?, 2/5 good CREDIT, 1/5 bad code), line paced at ${baud} baud both ways, USSD answered at once`);
  console.log(`machine: ${machine()}`);
  console.log('time: from spawning the daemon until the simulated network has delivered every reply');
  printDrain([await drain(count, baud, pty)], baud);
}
