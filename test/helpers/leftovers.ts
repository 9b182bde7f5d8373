import fs from 'node:fs';
import { TEST_RUN_MARKER } from './processes.js';

export interface Leftover {
  pid: number;
  command: string;
}

/**
 * Processes still running that carry this test run's id in their environment, other than vitest's
 * own: whatever a test started (or what that started) and nobody stopped, by the helpers or not.
 * Linux's /proc; elsewhere none are found.
 */
export function leftoverProcesses(run: string): Leftover[] {
  const marker = Buffer.from(`${TEST_RUN_MARKER}=${run}\0`);
  const found: Leftover[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`);
      if (!environ.includes(marker)) continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`).toString().split('\0').join(' ').trim();
      if (command.includes('/vitest/')) continue;
      found.push({ pid: Number(entry), command });
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return found;
}

/** Kills every leftover of the run; returns what it found. */
export function killLeftovers(run: string): Leftover[] {
  const found = leftoverProcesses(run);
  for (const { pid } of found) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}
