import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linesOf } from '../../src/config/lines.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { InstanceLock } from '../../src/daemon/instance-lock.js';
import { PortInUseError, PortLock } from '../../src/daemon/port-lock.js';
import { silentLogger } from '../../src/log/logger.js';
import { ROOT, spawnProcess, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

const spawned: Spawned[] = [];
afterEach(async () => {
  for (const p of spawned.splice(0)) {
    p.kill('SIGKILL');
    await p.exited;
  }
});

/** Another process that takes the port's UUCP lock and keeps it. */
async function holder(port: string, lockDir: string): Promise<Spawned> {
  const module = path.join(ROOT, 'dist/daemon/port-lock.js');
  const script = `import(${JSON.stringify(module)}).then((m) => { m.PortLock.acquire(${JSON.stringify(port)}, ${JSON.stringify(lockDir)}); console.log('LOCKED'); setInterval(() => {}, 1000); })`;
  const child = spawnProcess(process.execPath, ['-e', script]);
  spawned.push(child);
  await child.waitForOutput(/LOCKED/);
  return child;
}

function fakePort(): { port: string; lockDir: string; dir: string } {
  const dir = tmpDir();
  fs.mkdirSync(path.join(dir, 'lock'));
  fs.writeFileSync(path.join(dir, 'ttyFAKE0'), '');
  return { port: path.join(dir, 'ttyFAKE0'), lockDir: path.join(dir, 'lock'), dir };
}

describe('the modem port lock (UUCP LCK files)', () => {
  it('theLockFileHoldsOurPidAsOtherProgramsReadIt', () => {
    const { port, lockDir } = fakePort();
    const lock = PortLock.acquire(port, lockDir);
    expect(fs.readFileSync(path.join(lockDir, 'LCK..ttyFAKE0'), 'latin1')).toBe(`${String(process.pid).padStart(10)}\n`);
    lock.release();
    expect(fs.readdirSync(lockDir)).toEqual([]);
  });

  it('aPortLockedByALiveProcessIsRefusedNamingItAndTakenOverOnceItIsKilled', async () => {
    const { port, lockDir } = fakePort();
    const other = await holder(port, lockDir);
    expect(() => PortLock.acquire(port, lockDir)).toThrow(PortInUseError);
    expect(() => PortLock.acquire(port, lockDir)).toThrow(new RegExp(`in use by PID ${other.child.pid} \\(.*node.*\\), see ${lockDir}/LCK..ttyFAKE0`));
    other.kill('SIGKILL');
    await other.exited;
    const lock = PortLock.acquire(port, lockDir);
    expect(lock.held).toBe(true);
    expect(Number(fs.readFileSync(path.join(lockDir, 'LCK..ttyFAKE0'), 'latin1'))).toBe(process.pid);
    lock.release();
  });

  it('aByIdPathIsLockedUnderItsDeviceAndTheLockFollowsAReplug', () => {
    const { dir, lockDir } = fakePort();
    fs.writeFileSync(path.join(dir, 'ttyFAKE1'), '');
    const byId = path.join(dir, 'usb-HUAWEI_Mobile-if00-port0');
    fs.symlinkSync(path.join(dir, 'ttyFAKE0'), byId);
    const lock = PortLock.acquire(byId, lockDir);
    expect(fs.readdirSync(lockDir)).toEqual(['LCK..ttyFAKE0']);
    fs.rmSync(byId);
    fs.symlinkSync(path.join(dir, 'ttyFAKE1'), byId);
    lock.follow();
    expect(fs.readdirSync(lockDir)).toEqual(['LCK..ttyFAKE1']);
    lock.release();
  });

  it('withoutAWritableLockFolderThePortIsUsedWithoutALockAndSaysWhy', () => {
    const { port, dir } = fakePort();
    const lock = PortLock.acquire(port, path.join(dir, 'no-such-folder'));
    expect(lock.held).toBe(false);
    expect(lock.why).toMatch(/no-such-folder: ENOENT/);
  });

  it('aDaemonOnAPortAnotherProcessHoldsStopsBeforeOpeningItAndLetsGoOfItsDataDir', async () => {
    const { port, lockDir, dir } = fakePort();
    const other = await holder(port, lockDir);
    const dataDir = path.join(dir, 'data');
    const config = { ...DEFAULT_CONFIG, dataDir, modem: { ...DEFAULT_CONFIG.modem, port, lockDir }, http: { ...DEFAULT_CONFIG.http, listen: '' } };
    const daemon = new Daemon({
      config,
      logger: silentLogger(),
      lines: linesOf(config).map((line) => ({ config: line, link: { kind: 'port', spec: { kind: 'serial', path: port }, baudRate: 115200 } })),
      token: 'unused-token-0123456789',
    });
    await expect(daemon.start()).rejects.toThrow(new RegExp(`the modem port ${port} is in use by PID ${other.child.pid}`));
    InstanceLock.acquire(dataDir, { modem: null }).release();
  });
});
