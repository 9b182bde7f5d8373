import os from 'node:os';
import path from 'node:path';
import { Simulator } from '../../src/sim/simulator.js';

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export interface Workload {
  /** Commands expected to be answered (wrong passwords are not). */
  answers: number;
  stateFile: string;
}

/**
 * A simulator state with `count` command SMS already stored on the SIM (as after a network outage),
 * each from a phone of its own: STAT? and CREDIT with good and bad codes (`mixed`), or only CREDIT
 * with good codes (`recharges`). Several lines' SIMs are subscribers 1, 2… of Vivacom, with phones
 * of their own.
 */
export function storedWorkload(stateFile: string, count: number, workload: 'mixed' | 'recharges' = 'mixed', subscriber = 1): Workload {
  const sim = new Simulator({ stateFile, storageCapacity: count + 10, vouchers: count, subscriber });
  const vouchers = sim.unusedVouchers().map((v) => v.pin);
  let answers = 0;
  for (let i = 0; i < count; i++) {
    const phone = `+35988${subscriber}7${String(i).padStart(5, '0')}`;
    const kind = workload === 'recharges' ? 2 : i % 5;
    // 2 in 5 STAT?, 2 in 5 good CREDIT, 1 in 5 a bad code (the attempt budget soon answers those locally).
    const text = kind < 2 ? '*123456 STAT?' : kind < 4 ? `*123456 CREDIT ${vouchers.pop()}` : `*123456 CREDIT ${String(900000000000000 + i)}`;
    sim.sendSmsFromPhone(phone, text);
    answers += 1;
  }
  sim.close();
  return { answers, stateFile };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
