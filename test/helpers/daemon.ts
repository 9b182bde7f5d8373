import type { FleetConsoleSource } from '../../src/http/routes/fleet.js';
import path from 'node:path';
import { Writable } from 'node:stream';
import { withPublishedFacts } from '../../src/cli/run.js';
import { linesOf, type SimulatedCarrier } from '../../src/config/lines.js';
import { DEFAULT_CONFIG, type Config, type LineInput } from '../../src/config/schema.js';
import { Daemon, type LineSetup } from '../../src/daemon/daemon.js';
import { createLogger } from '../../src/log/logger.js';
import { SimulatedLines } from '../../src/sim/lines.js';
import { Simulator } from '../../src/sim/simulator.js';
import { tmpDir } from './tmp.js';

export const TOKEN = 'test-token-0123456789abcdef';

export interface RunningDaemon {
  daemon: Daemon;
  /** The first line's simulator. */
  simulator: Simulator;
  /** Each line's simulator, by the line's name. */
  simulators: Map<string, Simulator>;
  dataDir: string;
  baseUrl: string;
  /** Everything the daemon logged, at trace level. */
  logs: string[];
  stop(): Promise<void>;
}

/** A line of a test box: its own simulated modem, on the carrier given (Vivacom by default). */
export interface TestLine {
  name: string;
  carrier?: SimulatedCarrier;
  simulator?: Simulator;
  /** More of the line's config (its number, notes, …). */
  config?: Omit<LineInput, 'name'>;
}

/** The daemon in-process on the simulated modem, with a real SQLite file and HTTP on a free port. */
export interface DaemonTestOptions {
  /** The one line's simulator (a box of one line, `main`, configured the older way). */
  simulator?: Simulator;
  /** A box of several lines, each on a simulator of its own that publishes its carrier's codes. */
  lines?: TestLine[];
  dataDir?: string;
  config?: Partial<Config>;
  /** Short AT timeouts, keep-alive and restart waits, for fault scenarios. */
  fast?: boolean;
  exit?: (code: number) => void;
  parkFirstMs?: number;
  startWaitMs?: number;
  /** A console box's fleet (the fleet page's source), as `run` gives it with `fleet.console`. */
  fleet?: FleetConsoleSource;
  /** How long a recharge dialogue session waits for its coupon. */
  dialogueSessionMs?: number;
}

/** Each line's simulator and its setup; one line `main` from `modem:` unless lines are given. */
function testLines(options: DaemonTestOptions, config: Config, dataDir: string): { setups: LineSetup[]; simulators: Map<string, Simulator> } {
  const simulators = new Map<string, Simulator>();
  const link = (name: string, simulator: Simulator): LineSetup['link'] => ({ kind: 'duplex', name: `simulator ${name}`, connect: async () => simulator.connect() });
  if (!options.lines) {
    const simulator = options.simulator ?? new Simulator({ stateFile: path.join(dataDir, 'simulator.json'), timing: { ussdDelayMs: 10 } });
    simulators.set('main', simulator);
    return { setups: linesOf(config).map((line) => ({ config: line, link: link(line.name, simulator) })), simulators };
  }
  const subscribers = new Map<string, number>();
  const setups = linesOf(config).map((line, i) => {
    const given = options.lines![i]!;
    const carrier = given.carrier ?? 'vivacom';
    const subscriber = (subscribers.get(carrier) ?? 0) + 1;
    subscribers.set(carrier, subscriber);
    const simulator = given.simulator ?? new Simulator({ stateFile: path.join(dataDir, `simulator-${line.name}.json`), dialect: carrier, subscriber, timing: { ussdDelayMs: 10 } });
    simulators.set(line.name, simulator);
    return { config: withPublishedFacts(line, simulator.published()), link: link(line.name, simulator) };
  });
  return { setups, simulators };
}

export async function startDaemon(options: DaemonTestOptions = {}): Promise<RunningDaemon> {
  const dataDir = options.dataDir ?? tmpDir();
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, callback) {
      logs.push(chunk.toString());
      callback();
    },
  });
  const config: Config = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { ...DEFAULT_CONFIG.http, listen: '127.0.0.1:0', token: null },
    ...(options.lines ? { lines: options.lines.map((line) => ({ name: line.name, ...line.config })) } : {}),
    ...options.config,
  };
  const { setups, simulators } = testLines(options, config, dataDir);
  const daemon = new Daemon({
    config,
    logger: createLogger({ level: 'trace', destination }),
    lines: setups,
    token: TOKEN,
    // As `run` gives it: the lines' simulators as one, each by its line's name.
    sim: new SimulatedLines(simulators),
    outboxBaseDelayMs: 50,
    ...(options.fast
      ? { timeouts: { basic: 300, sim: 400, storage: 600, prompt: 400, send: 1000, ussdCommand: 400, network: 400, restart: 600 }, keepAliveMs: 200, modemRestartWaitMs: 100 }
      : {}),
    ...(options.exit ? { exit: options.exit } : {}),
    ...(options.parkFirstMs !== undefined ? { parkFirstMs: options.parkFirstMs } : {}),
    ...(options.startWaitMs !== undefined ? { startWaitMs: options.startWaitMs } : {}),
    ...(options.fleet ? { fleet: options.fleet } : {}),
    ...(options.dialogueSessionMs !== undefined ? { dialogueSessionMs: options.dialogueSessionMs } : {}),
  });
  await daemon.start();
  return {
    daemon,
    simulator: simulators.values().next().value!,
    simulators,
    dataDir,
    baseUrl: daemon.httpAddress!,
    logs,
    stop: async () => {
      await daemon.stop();
      for (const simulator of simulators.values()) simulator.close();
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
