import fs from 'node:fs';

/** Whether a process with this PID exists (one of another user's counts: signalling it is refused, not unknown). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a process runs, from /proc (Linux), shortened for a message; null where it cannot be read. */
export function commandLineOf(pid: number, maxLength = 80): string | null {
  try {
    const line = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    if (!line) return null;
    return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
  } catch {
    return null;
  }
}
