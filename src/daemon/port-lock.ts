import fs from 'node:fs';
import path from 'node:path';
import { commandLineOf, isAlive } from '../util/process.js';

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/** The device a path names: /dev/serial/by-id/usb-HUAWEI…-port0 → ttyUSB0 (as it is now; a replug may change it). */
function deviceName(port: string): string {
  try {
    return path.basename(fs.realpathSync(port));
  } catch {
    return path.basename(port);
  }
}

/** The UUCP (HDB) lock file body: the owner's PID as ten ASCII characters and a newline. */
function lockBody(pid: number): string {
  return `${String(pid).padStart(10)}\n`;
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'latin1').trim(), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The modem port taken the way other programs on the box look for it: a UUCP lock file
 * (`/var/lock/LCK..ttyUSB0` holding the owner's PID), which minicom, picocom, cu and a second
 * gsmkeeper honour. A lock whose process is gone (a crash, SIGKILL) is taken over. Where the lock
 * folder is not writable the port is used without one (`held` false, `why` says why); the serial
 * binding's own exclusive open still keeps a second serialport user out.
 */
export class PortLock {
  private file: string | null = null;
  why: string | null = null;

  private constructor(private readonly port: string, private readonly lockDir: string) {}

  static acquire(port: string, lockDir: string): PortLock {
    const lock = new PortLock(port, lockDir);
    lock.file = lock.take(deviceName(port));
    return lock;
  }

  get held(): boolean {
    return this.file !== null;
  }

  /** After a replug the same by-id path may name another device: the lock moves with it. */
  follow(): void {
    const wanted = path.join(this.lockDir, `LCK..${deviceName(this.port)}`);
    if (this.file === wanted || !this.held) return;
    const taken = this.take(deviceName(this.port));
    this.release();
    this.file = taken;
  }

  release(): void {
    if (this.file && ownerOf(this.file) === process.pid) fs.rmSync(this.file, { force: true });
    this.file = null;
  }

  /** Takes LCK..<device>; the file's path, or null (with `why`) when the folder is not ours to write. */
  private take(device: string): string | null {
    const file = path.join(this.lockDir, `LCK..${device}`);
    const temporary = path.join(this.lockDir, `LCK.${process.pid}.${device}`);
    try {
      fs.writeFileSync(temporary, lockBody(process.pid), { mode: 0o644 });
    } catch (err) {
      this.why = `${this.lockDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
      return null;
    }
    try {
      // Twice at most: once more after clearing a lock its owner left behind.
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          fs.linkSync(temporary, file); // atomic, and the file is whole the moment it appears
          return file;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        const owner = ownerOf(file);
        if (owner !== null && owner !== process.pid && isAlive(owner)) {
          const command = commandLineOf(owner);
          throw new PortInUseError(`the modem port ${this.port} is in use by PID ${owner}${command ? ` (${command})` : ''}, see ${file}; stop it first`);
        }
        fs.rmSync(file, { force: true });
      }
      throw new PortInUseError(`the modem port ${this.port}: ${file} keeps coming back; another program is taking it`);
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
}
