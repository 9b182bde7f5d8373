/**
 * mqtt: the MQTT bridge's figures.
 *   npm run bench:mqtt -- [idle seconds=60] [boxes=50] [processes=5]
 *
 * - The broker: Debian's Mosquitto when `mosquitto` is installed (started here on a free port,
 *   anonymous, no persistence), else aedes from npm in a process of its own (it says which).
 * - Idle: the daemon on its built-in simulator with the bridge on and off, RSS and CPU from /proc.
 * - A fleet: `boxes` simulated boxes in `processes` processes (each a daemon with its own
 *   simulator, data dir and bridge), all online, then one command to each (`*123456 STAT?`, as
 *   the operator's fleet client sends it) and the time until every answer is back.
 */
import fs from 'node:fs';
import { silentLogger } from '../src/log/logger.js';
import { FleetClient } from '../src/mqtt/fleet.js';
import { startBroker } from '../test/helpers/broker.js';
import { mosquittoInstalled, startMosquitto } from '../test/helpers/mosquitto.js';
import { NODE_FLAGS, spawnProcess, type Spawned } from '../test/helpers/processes.js';
import { idle, printIdle } from './idle.js';
import { machine, percentile } from './lib/common.js';

const TICKS = 100;
const cpuTicks = (pid: number): number => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const rssMiB = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Mosquitto when it is installed, else aedes; the one line that says which. */
async function broker(): Promise<{ url: string; name: string; stop(): Promise<void> }> {
  if (mosquittoInstalled()) {
    const mosquitto = await startMosquitto();
    return { url: mosquitto.url, name: `${mosquitto.version} (MQTT 5)`, stop: mosquitto.stop };
  }
  console.log('Mosquitto is not installed here (apt-get install mosquitto to run this against it): the broker below is aedes from npm, in a process of its own, MQTT 3.1.1.');
  const aedes = await startBroker();
  return { url: aedes.url, name: 'aedes (npm), MQTT 3.1.1', stop: aedes.stop };
}

interface FleetResult {
  boxes: number;
  processes: number;
  startToAllOnlineS: number;
  commandsWallMs: number;
  p50: number;
  p95: number;
  max: number;
  answered: number;
  rssTotalMiB: number;
  rssPerBoxMiB: number;
  idleCpuPercentPerBox: number;
}

async function fleet(url: string, boxes: number, processes: number): Promise<FleetResult> {
  const perProcess = Math.ceil(boxes / processes);
  const started = performance.now();
  const workers: Spawned[] = [];
  try {
    for (let p = 0; p < processes; p++) {
      const count = Math.min(perProcess, boxes - p * perProcess);
      if (count > 0) workers.push(spawnProcess(process.execPath, [...NODE_FLAGS, '--import', 'tsx', 'bench/lib/mqtt-boxes.ts', url, String(p * perProcess), String(count)]));
    }
    await Promise.all(workers.map((w) => w.waitForOutput(/BOXES READY \d+/, 300_000)));
    const client = await FleetClient.connect({ url, username: null, password: null, ca: null, cert: null, key: null, baseTopic: 'gsmkeeper' }, silentLogger());
    try {
      while (client.boxes().filter((b) => b.box.startsWith('bench-') && b.status === 'online' && b.lines.length).length < boxes) await new Promise((r) => setTimeout(r, 100));
      const startToAllOnlineS = (performance.now() - started) / 1000;

      const sent = performance.now();
      const times = await Promise.all(client.boxes().filter(({ box }) => box.startsWith('bench-')).map(async ({ box }) => {
        const t0 = performance.now();
        const answer = await client.request(box, { text: '*123456 STAT?' }, { timeoutMs: 120_000 });
        if (answer.ok !== true) throw new Error(`${box}: ${JSON.stringify(answer)}`);
        return performance.now() - t0;
      }));
      const commandsWallMs = performance.now() - sent;
      times.sort((a, b) => a - b);

      // Idle afterwards: the whole fleet's CPU over 20 s, and its memory.
      await new Promise((r) => setTimeout(r, 2000));
      const pids = workers.map((w) => w.child.pid!);
      const cpu0 = pids.reduce((sum, pid) => sum + cpuTicks(pid), 0);
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 20_000));
      const cpuSeconds = (pids.reduce((sum, pid) => sum + cpuTicks(pid), 0) - cpu0) / TICKS;
      const wall = (performance.now() - t0) / 1000;
      const rssTotalMiB = pids.reduce((sum, pid) => sum + rssMiB(pid), 0);
      return {
        boxes, processes: workers.length, startToAllOnlineS, commandsWallMs, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, answered: times.length,
        rssTotalMiB, rssPerBoxMiB: rssTotalMiB / boxes, idleCpuPercentPerBox: (cpuSeconds / wall / boxes) * 100,
      };
    } finally {
      await client.close();
    }
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map((w) => Promise.race([w.exited, new Promise((r) => setTimeout(r, 10_000))]).then(() => w.stop())));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [seconds, boxes, processes] = [Number(process.argv[2] ?? 60), Number(process.argv[3] ?? 50), Number(process.argv[4] ?? 5)];
  console.log(`mqtt: the bridge's figures — ${new Date().toISOString()}`);
  console.log(`machine: ${machine()}`);
  const up = await broker();
  try {
    console.log(`broker: ${up.name} at ${up.url}\n`);
    console.log(`idle, the bridge on (--mqtt ${up.url}): the daemon on its built-in simulator for ${seconds} s from its connection to the broker; RSS and CPU from /proc`);
    printIdle(await idle(seconds, 2, ['--mqtt', up.url], /"msg":"connected to the MQTT broker"/));
    console.log(`\nidle, the bridge off, the same for comparison`);
    printIdle(await idle(seconds, 2));
    console.log(`\nfleet: ${boxes} simulated boxes in ${processes} processes (${Math.ceil(boxes / processes)} daemons each, each with its simulator, data dir and bridge; node ${NODE_FLAGS.join(' ')} --import tsx),`);
    console.log('       one STAT? to every box at once from a fleet client, every answer back');
    const r = await fleet(up.url, boxes, processes);
    console.table({
      'boxes (processes)': `${r.boxes} (${r.processes})`,
      'spawn to all online (s)': r.startToAllOnlineS.toFixed(1),
      [`${r.answered} commands, first sent to last answer (ms)`]: Math.round(r.commandsWallMs),
      '  per command p50 (ms)': Math.round(r.p50),
      '  per command p95 (ms)': Math.round(r.p95),
      '  per command max (ms)': Math.round(r.max),
      'RSS of the fleet processes (MiB)': r.rssTotalMiB.toFixed(0),
      '  per box (MiB)': r.rssPerBoxMiB.toFixed(1),
      'CPU idle afterwards, per box (%)': r.idleCpuPercentPerBox.toFixed(3),
    });
  } finally {
    await up.stop();
  }
}
