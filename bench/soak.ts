/**
 * soak: random faults for a while against a steady workload, in one process (daemon + simulator).
 * Prints commands answered, recoveries by ladder step, and RSS, listeners and timers at start and end,
 * to show nothing leaks.   npm run bench:soak -- [seconds=120]
 */
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import type { FaultName } from '../src/sim/faults.js';
import { Simulator } from '../src/sim/simulator.js';
import { startDaemon } from '../test/helpers/daemon.js';
import { machine } from './lib/common.js';

const FAULTS: FaultName[] = ['late', 'garbage', 'urc-storm', 'cusd-before-ok', 'slow-prompt', 'network-lost'];
const seconds = Number(process.argv[2] ?? 120);
console.log(`soak: ${seconds} s, one command every 250 ms, a random fault (or power cycle / unplug / SIM out) every 3 s for 1 s`);
console.log(`machine: ${machine()}`);

const simulator = new Simulator({ timing: { ussdDelayMs: 20 }, vouchers: Math.ceil(seconds * 2) });
const running = await startDaemon({
  simulator,
  fast: true,
  config: { sms: { ...DEFAULT_CONFIG.sms, dailyCap: 1_000_000, nonGroupRepliesPerHour: 1_000_000 }, log: { level: 'warn' }, modem: { ...DEFAULT_CONFIG.modem } },
});
running.logs.length = 0;
const handles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
const rssStart = process.memoryUsage().rss / 2 ** 20;
const handlesStart = handles();
const vouchers = simulator.unusedVouchers().map((v) => v.pin);
let sent = 0;
const started = Date.now();
let lastFault = 0;
while (Date.now() - started < seconds * 1000) {
  const phone = `+3598855${String(sent).padStart(5, '0')}`;
  simulator.sendSmsFromPhone(phone, sent % 3 === 0 && vouchers.length ? `*123456 CREDIT ${vouchers.pop()}` : '*123456 STAT?');
  sent += 1;
  if (Date.now() - lastFault > 3000) {
    lastFault = Date.now();
    const roll = Math.random();
    if (roll < 0.1) simulator.fault('power-cycle');
    else if (roll < 0.2) {
      simulator.unplug();
      setTimeout(() => simulator.replug(), 1000);
    } else if (roll < 0.3) {
      simulator.fault('sim-out');
      setTimeout(() => simulator.fault('sim-in'), 1000);
    } else {
      const fault = FAULTS[Math.floor(Math.random() * FAULTS.length)]!;
      simulator.fault(fault, true);
      setTimeout(() => simulator.fault(fault, false), 1000);
    }
  }
  await new Promise((r) => setTimeout(r, 250));
}
simulator.modem.faults.clear();
const deadline = Date.now() + 60_000;
while (simulator.stats().delivered < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
const phones = Object.values(simulator.state.phones);
const once = phones.filter((m) => m.length === 1).length;
const twice = phones.filter((m) => m.length > 1).length;
const recoveries = { ...running.daemon.line('main').recoveries };
const rssEnd = process.memoryUsage().rss / 2 ** 20;
const handlesEnd = handles();
await running.stop();
console.table({
  'commands sent': sent,
  'answered exactly once': once,
  'answered more than once (must be 0)': twice,
  'unanswered (uncertain or still failing)': sent - once - twice,
  'RSS at start / end (MiB)': `${rssStart.toFixed(1)} / ${rssEnd.toFixed(1)}`,
  'active handles at start / end': `${handlesStart} / ${handlesEnd}`,
});
console.log('recoveries by ladder step:', recoveries);
