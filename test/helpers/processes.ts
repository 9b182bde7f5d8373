import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/cli/main.js');
export const PTY_RELAY = path.join(ROOT, 'scripts/pty-relay.py');

export interface Spawned {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `re` in stdout+stderr. */
  waitForOutput(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
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

export function spawnProcess(command: string, args: string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: Array<() => void> = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
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
}

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
 * A real pseudo-terminal (scripts/pty-relay.py, python3's standard library) at `link`, relaying to
 * and from the CLI run with `args` (e.g. `simulate --stdio`); with no args it only holds a pty.
 * Its output has the "PTY is /dev/pts/N" line and the CLI's stderr.
 */
export function spawnPtyRelay(link: string, args: string[] = [], env: Record<string, string> = {}): Spawned {
  requireTool('python3', 'to give the simulator a pseudo-terminal, the real serial path');
  const command = args.length ? [process.execPath, ...NODE_FLAGS, CLI, ...args] : [];
  if (args.length) requireBuilt();
  return spawnProcess('python3', [PTY_RELAY, link, ...command], env);
}

/** The CLI run to completion with `input` on its standard input (as a pipe, not a terminal). */
export function runCliWithInput(args: string[], input: string): { status: number | null; stdout: string; stderr: string } {
  requireBuilt();
  const result = spawnSync(process.execPath, [...NODE_FLAGS, CLI, ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
