import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/cli/main.js');

export interface Spawned {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `re` in stdout+stderr. */
  waitForOutput(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  /** Signals the process and everything it started (its process group). */
  kill(signal?: NodeJS.Signals): void;
  /** Kills the process group and waits for the process to be gone. */
  stop(): Promise<void>;
}

/**
 * The test run's id (vitest.config.ts sets it for the whole run): every process a test starts
 * inherits it in its environment, and so does whatever that starts, so the run's global teardown
 * can find any that outlived it.
 */
export const TEST_RUN_MARKER = 'GSMKEEPER_TEST_RUN';

const HELPERS = path.dirname(fileURLToPath(import.meta.url));
const GUARDIAN = path.join(HELPERS, 'guardian.mjs');
const EXIT_WITH_PARENT = pathToFileURL(path.join(HELPERS, 'exit-with-parent.mjs')).href;

/** Processes started by this test file: their groups are killed once more at its end. */
const running = new Set<Spawned>();

/** Stops every process this test file started that is still running (the setup file's afterAll). */
export async function stopSpawned(): Promise<void> {
  await Promise.all([...running].map((spawned) => spawned.stop()));
}

/** The environment of a test's child: the run's id (inherited), and under vitest, the parent watch for Node. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const watch = process.env.VITEST ? `--import=${EXIT_WITH_PARENT}` : '';
  return { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', watch].join(' ').trim(), ...extra };
}

export function requireBuilt(): void {
  if (!fs.existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
}

/** A tool the test needs from the system; fails with the one line that says how to get it. */
export function requireTool(tool: string, why: string): void {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    throw new Error(`${tool} is not installed: apt-get install ${tool} (needed ${why})`);
  }
}

/**
 * Starts a process in a process group of its own, so stopping it stops what it started too (socat's
 * simulator). Node processes watch their parent; any other program runs under a small Node
 * guardian that does the same. Every one is stopped by the setup file's afterAll if its test did not.
 * `stdin`: a pipe the test writes to (else /dev/null).
 */
export function spawnProcess(command: string, args: string[], env: Record<string, string> = {}, options: { stdin?: boolean } = {}): Spawned {
  const [program, argv] = command === process.execPath ? [command, args] : [process.execPath, [GUARDIAN, command, ...args]];
  const child = spawn(program, argv, { cwd: ROOT, env: childEnv(env), stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const waiters: Array<() => void> = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already.
    }
  };
  const spawned: Spawned = {
    child,
    output: () => output,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.pid !== undefined) signalGroup(signal);
    },
    stop: async () => {
      if (child.pid === undefined) return;
      // The whole group, even when its leader is gone: what it started may not be.
      signalGroup('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await exited;
    },
    waitForOutput: (re, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${re} in output within ${timeoutMs} ms:\n${output}`)), timeoutMs);
        const check = () => {
          const match = output.match(re);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            reject(new Error(`process exited (${child.exitCode}) before ${re}:\n${output}`));
          } else {
            waiters.push(check);
          }
        };
        child.on('exit', () => check());
        check();
      }),
  };
  running.add(spawned);
  return spawned;
}

/** The CLI as installed: the same Node flags as `npm start` and the systemd unit. */
/**
 * How the daemon is run everywhere (the bin's shebang, npm start, the systemd unit): a small young
 * generation and V8's lite mode, for about 25 MiB less memory. Lite mode has no WebAssembly, hence
 * --no-expose-wasm (which silences V8's warning) and no fetch() in the daemon; the tests that spawn
 * it use these flags, so code that needed either would fail here first.
 */
export const NODE_FLAGS = ['--max-semi-space-size=1', '--lite-mode', '--no-expose-wasm'];

export function spawnCli(args: string[], env: Record<string, string> = {}): Spawned {
  requireBuilt();
  return spawnProcess(process.execPath, [...NODE_FLAGS, CLI, ...args], env);
}

/**
 * The CLI on a real terminal: python3's pty module gives it a pseudo-terminal (stdin, stdout and
 * stderr), the test types into the pipe to python, and reads what the terminal showed.
 */
export function spawnCliOnPty(args: string[]): Spawned {
  requireBuilt();
  requireTool('python3', 'to give the CLI a pseudo-terminal');
  return spawnProcess('python3', ['-c', 'import pty, sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)', process.execPath, ...NODE_FLAGS, CLI, ...args], {}, { stdin: true });
}

/** The CLI run to completion with `input` on its standard input (as a pipe, not a terminal). */
export function runCliWithInput(args: string[], input: string): { status: number | null; stdout: string; stderr: string } {
  requireBuilt();
  const result = spawnSync(process.execPath, [...NODE_FLAGS, CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', env: childEnv() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
