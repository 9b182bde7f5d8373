import path from 'node:path';
import { Writable } from 'node:stream';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { createLogger } from '../../src/log/logger.js';
import { Simulator } from '../../src/sim/simulator.js';
import { tmpDir } from './tmp.js';

export const TOKEN = 'test-token-0123456789abcdef';

export interface RunningDaemon {
  daemon: Daemon;
  simulator: Simulator;
  dataDir: string;
  baseUrl: string;
  /** Everything the daemon logged, at trace level. */
  logs: string[];
  stop(): Promise<void>;
}

/** The daemon in-process on the simulated modem, with a real SQLite file and HTTP on a free port. */
export interface DaemonTestOptions {
  simulator?: Simulator;
  dataDir?: string;
  config?: Partial<Config>;
  /** Short AT timeouts, keep-alive and restart waits, for fault scenarios. */
  fast?: boolean;
  exit?: (code: number) => void;
}

export async function startDaemon(options: DaemonTestOptions = {}): Promise<RunningDaemon> {
  const dataDir = options.dataDir ?? tmpDir();
  const simulator = options.simulator ?? new Simulator({ stateFile: path.join(dataDir, 'simulator.json'), timing: { ussdDelayMs: 10 } });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, callback) {
      logs.push(chunk.toString());
      callback();
    },
  });
  const config: Config = { ...DEFAULT_CONFIG, dataDir, http: { ...DEFAULT_CONFIG.http, listen: '127.0.0.1:0', token: null }, ...options.config };
  const daemon = new Daemon({
    config,
    logger: createLogger({ level: 'trace', destination }),
    link: { kind: 'duplex', name: 'simulator', connect: async () => simulator.connect() },
    token: TOKEN,
    sim: simulator,
    outboxBaseDelayMs: 50,
    ...(options.fast
      ? { timeouts: { basic: 300, sim: 400, storage: 600, prompt: 400, send: 1000, ussdCommand: 400, network: 400, restart: 600 }, keepAliveMs: 200, modemRestartWaitMs: 100 }
      : {}),
    ...(options.exit ? { exit: options.exit } : {}),
  });
  await daemon.start();
  return {
    daemon,
    simulator,
    dataDir,
    baseUrl: daemon.httpAddress!,
    logs,
    stop: async () => {
      await daemon.stop();
      simulator.close();
    },
  };
}

export async function api(base: string, method: string, url: string, body?: unknown, token: string | null = TOKEN): Promise<{ status: number; json: any }> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}
