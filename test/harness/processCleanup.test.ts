import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killLeftovers, leftoverProcesses } from '../helpers/leftovers.js';
import { childEnv, ROOT, spawnCli, spawnProcess, TEST_RUN_MARKER, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

/** Running: a zombie (dead, waiting for whoever adopted it to reap it) does not count. */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; the command may hold spaces and parentheses.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
};

// Every pid a test here learns of is killed afterwards, whatever the test's outcome.
const pids: number[] = [];
const spawned: Spawned[] = [];
afterEach(async () => {
  await Promise.all(spawned.splice(0).map((p) => p.stop()));
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
  }
});

/** A Node one-liner that keeps running until it is killed. */
const FOREVER = 'setInterval(() => {}, 1000)';

/**
 * A stand-in for a test worker: a Node process that starts `command` the way the helpers do (the
 * guardian for other programs, the parent watch for Node) and prints the pid it should end with.
 */
function middleman(command: string[]): Spawned {
  const script = `
    const { spawn } = require('node:child_process');
    const child = spawn(${JSON.stringify(command[0])}, ${JSON.stringify(command.slice(1))}, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    child.stdout.on('data', (d) => process.stdout.write(d));
    setInterval(() => {}, 1000);`;
  const p = spawnProcess(process.execPath, ['-e', script]);
  spawned.push(p);
  return p;
}

describe('processes started by tests end with them', () => {
  it('stoppingASpawnedProcessStopsWhatItStartedToo', async () => {
    const parent = spawnProcess(process.execPath, ['-e', `
      // Without the parent watch: only the process group can end it.
      const child = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(FOREVER)}], { stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } });
      console.log('CHILD ' + child.pid);
      ${FOREVER}`]);
    spawned.push(parent);
    const child = Number((await parent.waitForOutput(/CHILD (\d+)/))[1]);
    pids.push(child);
    expect(alive(child)).toBe(true);
    await parent.stop();
    await waitFor(() => !alive(child), 10_000, 'the grandchild gone');
  });

  it('aNodeChildWhoseParentDiesEndsByItself', async () => {
    const worker = middleman([process.execPath, '-e', `console.log('PID ' + process.pid); ${FOREVER}`]);
    const child = Number((await worker.waitForOutput(/PID (\d+)/))[1]);
    pids.push(child);
    worker.child.kill('SIGKILL');
    await worker.exited;
    await waitFor(() => !alive(child), 10_000, 'the orphaned Node child gone');
  });

  it('anyOtherProgramRunsUnderAGuardianAndEndsWhenItsParentDies', async () => {
    const worker = middleman([process.execPath, path.join(ROOT, 'test/helpers/guardian.mjs'), 'sh', '-c', 'echo PID $$; exec sleep 1000']);
    const sleeper = Number((await worker.waitForOutput(/PID (\d+)/))[1]);
    pids.push(sleeper);
    expect(alive(sleeper)).toBe(true);
    worker.child.kill('SIGKILL');
    await worker.exited;
    await waitFor(() => !alive(sleeper), 10_000, 'the guarded program gone');
  });

  it('theGuardianExitsAsItsProgramDid', async () => {
    const ok = spawnProcess('sh', ['-c', 'echo hello; exit 3']);
    spawned.push(ok);
    expect(await ok.exited).toBe(3);
    expect(ok.output()).toBe('hello\n');
  });

  it('theRunTeardownFindsAndKillsALeftoverCarryingTheRunId', async () => {
    // Started past the helpers, and in a run of its own, so nothing of the real run is touched.
    const run = randomUUID();
    const stray = spawn(process.execPath, ['-e', FOREVER], { env: { ...childEnv(), [TEST_RUN_MARKER]: run }, stdio: 'ignore', detached: true });
    stray.unref();
    pids.push(stray.pid!);
    await waitFor(() => leftoverProcesses(run).length === 1, 10_000, 'the stray seen');
    expect(leftoverProcesses(run)[0]).toMatchObject({ pid: stray.pid, command: expect.stringContaining(FOREVER) });
    expect(killLeftovers(run).map((p) => p.pid)).toEqual([stray.pid]);
    await waitFor(() => !alive(stray.pid!), 10_000, 'the stray gone');
    expect(leftoverProcesses(run)).toEqual([]);
  });

  it('aSimulatorOnStdioEndsWhenItsLineCloses', async () => {
    // stdin is /dev/null here: the line is closed from the start, so the simulator has nobody to serve.
    const sim = spawnCli(['simulate', '--stdio', '--state', path.join(tmpDir(), 'sim.json')]);
    spawned.push(sim);
    expect(await sim.exited).toBe(0);
  });
});
