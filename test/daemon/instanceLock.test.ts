import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, InstanceLock } from '../../src/daemon/instance-lock.js';
import { tmpDir } from '../helpers/tmp.js';

describe('the data dir lock', () => {
  it('aSecondHolderIsRefusedWithWhoHoldsItUntilItIsReleased', () => {
    const dataDir = path.join(tmpDir(), 'data');
    const lock = InstanceLock.acquire(dataDir, { modem: '/dev/ttyUSB0' });
    lock.update({ http: 'http://127.0.0.1:8080' });
    let refusal: unknown;
    try {
      InstanceLock.acquire(dataDir, { modem: '/dev/ttyUSB0' });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as Error).message).toMatch(new RegExp(`\\(PID ${process.pid}, started .+Z, modem /dev/ttyUSB0, HTTP http://127.0.0.1:8080\\)`));
    expect(fs.statSync(path.join(dataDir, 'gsmkeeper.lock.json')).mode & 0o777).toBe(0o600);

    lock.release();
    expect(fs.existsSync(path.join(dataDir, 'gsmkeeper.lock.json'))).toBe(false);
    InstanceLock.acquire(dataDir, { modem: null }).release();
  });

  it('anOwnerFileLeftByADeadProcessNamesNobody', () => {
    const dataDir = path.join(tmpDir(), 'data');
    const lock = InstanceLock.acquire(dataDir, { modem: null });
    // As if the holder had not written its own yet, and a crashed owner's file were still there.
    fs.writeFileSync(path.join(dataDir, 'gsmkeeper.lock.json'), JSON.stringify({ pid: 2 ** 22 + 1, startedAt: '2020-01-01T00:00:00.000Z', modem: null, http: null }));
    expect(() => InstanceLock.acquire(dataDir, { modem: null })).toThrow(/in use by another gsmkeeper \(it is starting and has not said who it is yet\)/);
    lock.release();
  });
});
