import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN } from '../helpers/daemon.js';
import { spawnCli, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

const spawned: Spawned[] = [];
afterEach(async () => {
  for (const p of spawned.splice(0)) {
    p.kill('SIGKILL');
    await p.exited;
  }
});

function daemonOn(dataDir: string): Spawned {
  const daemon = spawnCli(['run', '--data-dir', dataDir, '--http', '127.0.0.1:0', '--log-level', 'warn'], { GSMKEEPER_TOKEN: TOKEN });
  spawned.push(daemon);
  return daemon;
}

describe('one daemon per data dir (separate processes)', () => {
  it('aSecondDaemonOnTheSameDataDirRefusesNamingTheFirstAndOneStartsRightAfterTheFirstIsKilled', async () => {
    const dataDir = path.join(tmpDir(), 'data');
    const first = daemonOn(dataDir);
    const [, relay] = await first.waitForOutput(/HTTP relay: (http:\/\/\S+)\/api\/v1\/commands/);

    const second = daemonOn(dataDir);
    expect(await second.exited).toBe(2);
    expect(second.output()).toMatch(new RegExp(
      `^gsmkeeper: the data dir ${dataDir} is in use by another gsmkeeper \\(PID ${first.child.pid}, started \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, modem simulated main, simulated a1, HTTP ${relay}\\); stop it first, or give this one another --data-dir\\n$`,
    ));

    // The kernel lets go of the lock with the process: no stale lock after SIGKILL.
    first.kill('SIGKILL');
    await first.exited;
    const third = daemonOn(dataDir);
    await third.waitForOutput(/HTTP relay: /);
  });
});
