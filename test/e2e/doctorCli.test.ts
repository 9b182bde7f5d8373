import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCli, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

const spawned: Spawned[] = [];
afterEach(async () => {
  await Promise.all(spawned.splice(0).map((p) => p.stop()));
});

describe('gsmkeeper doctor from the command line', () => {
  it('onTheBuiltInSimulatorEveryCheckPassesAndItSaysReady', async () => {
    const doctor = spawnCli(['doctor', '--data-dir', tmpDir()]);
    expect(await doctor.exited).toBe(0);
    const out = doctor.output();
    for (const line of [/✓ modem +answers AT/, /✓ SIM +ready/, /✓ carrier +Vivacom \(284-03 from the IMSI\)/, /✓ network +home, 28403/, /✓ signal +-71 dBm \(4\/5\)/, /✓ SMS storage +SM, 0 of 30 used/, /✓ reports +handed on inline by \+CDS/, /^Ready\.$/m]) {
      expect(out).toMatch(line);
    }
  });

  it('aModemWithoutItsSimFailsWithAdviceAndExitCode1', async () => {
    const dir = tmpDir();
    const sim = spawnCli(['simulate', '--listen', '127.0.0.1:0', '--state', path.join(dir, 'sim.json'), '--fault', 'sim-removed']);
    spawned.push(sim);
    const [, port] = await sim.waitForOutput(/"listen":"127\.0\.0\.1:(\d+)"/);
    const doctor = spawnCli(['doctor', '--port', `tcp://127.0.0.1:${port}`, '--data-dir', dir]);
    expect(await doctor.exited).toBe(1);
    expect(doctor.output()).toMatch(/✗ SIM +not inserted\n +→ insert the SIM/);
    expect(doctor.output()).toMatch(/1 problem\(s\) to fix/);
  });

  it('aPortThatDoesNotExistIsSaidPlainly', async () => {
    const doctor = spawnCli(['doctor', '--port', '/dev/ttyGSMKEEPER-NONE', '--data-dir', tmpDir()]);
    expect(await doctor.exited).toBe(1);
    expect(doctor.output()).toMatch(/✗ port +cannot open it: .*ttyGSMKEEPER-NONE/);
  });
});
