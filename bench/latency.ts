/**
 * latency: daemon overhead from the `+CMTI` line leaving the modem to the `AT+CUSD` write reaching
 * it, for a CREDIT command, with a simulator that answers at once (no line pacing). p50/p99.
 *   npm run bench:latency -- [commands=1000]
 */
import { waitFor } from '../test/helpers/wait.js';
import { machine, percentile } from './lib/common.js';
import { inProcessDaemon } from './lib/in-process.js';

export interface LatencyResult {
  commands: number;
  p50: number;
  p99: number;
  max: number;
}

export async function latency(commands: number): Promise<LatencyResult> {
  const { simulator, daemon, stop } = await inProcessDaemon({ vouchers: commands });
  const unsent = daemon.store.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state != 'sent'");
  const vouchers = simulator.unusedVouchers().map((v) => v.pin);
  let cmtiAt = 0;
  let cusdAt = 0;
  simulator.modem.on('output', (bytes) => {
    if (bytes.includes('+CMTI:')) cmtiAt = performance.now();
  });
  const input = simulator.modem.input.bind(simulator.modem);
  simulator.modem.input = (chunk: Buffer) => {
    if (chunk.includes('AT+CUSD=1')) cusdAt = performance.now();
    input(chunk);
  };
  const samples: number[] = [];
  for (let i = 0; i < commands; i++) {
    const phone = `+3598866${String(i).padStart(5, '0')}`;
    cusdAt = 0;
    simulator.sendSmsFromPhone(phone, `*123456 CREDIT ${vouchers[i]}`);
    await waitFor(() => simulator.phoneMessages(phone).length > 0, 10_000, `reply ${i}`);
    // One command at a time: the previous reply is fully recorded before the next SMS arrives.
    await waitFor(() => (unsent.get() as { n: number }).n === 0, 10_000, `reply ${i} recorded`);
    await daemon.settle();
    samples.push(cusdAt - cmtiAt);
  }
  await stop();
  samples.sort((a, b) => a - b);
  return { commands, p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1]! };
}

export function printLatency(r: LatencyResult): void {
  console.table({ [`+CMTI → AT+CUSD (${r.commands} CREDIT commands)`]: { 'p50 (ms)': r.p50.toFixed(2), 'p99 (ms)': r.p99.toFixed(2), 'max (ms)': r.max.toFixed(2) } });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const commands = Number(process.argv[2] ?? 1000);
  console.log(`latency: ${commands} CREDIT commands one after another; daemon and simulator in one process; USSD answered at once`);
  console.log(`machine: ${machine()}`);
  printLatency(await latency(commands));
}
