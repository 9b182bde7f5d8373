/**
 * The box under attack, in-process: the real daemon on the built-in simulator with a real SQLite
 * file and its HTTP relay, logging at trace level (every AT line) into memory the harness reads.
 */
import path from 'node:path';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { Simulator } from '../../src/sim/simulator.js';
import { startDaemon, TOKEN, type RunningDaemon } from '../helpers/daemon.js';
import { tmpDir } from '../helpers/tmp.js';
import { PASSWORD } from './texts.js';

/** A number in the Config group that never texts: config commands by SMS are refused, as for a stranger. */
export const CONFIG_MEMBER = '+359880009999';

export interface FuzzBox {
  running: RunningDaemon;
  dbFile: string;
  /** Log lines written since the last call (they are dropped from memory once read). */
  takeLogs(): string[];
  /** Waits until every command is answered or dropped, every reply sent and the SIM's storage empty; false after `timeoutMs`. */
  settled(timeoutMs: number): Promise<boolean>;
  post(url: string, body: unknown, token?: string | null): Promise<{ status: number; json: any }>;
  get(url: string): Promise<{ status: number; json: any }>;
  stop(): Promise<void>;
}

export async function startFuzzBox(options: { vouchers: number; rechargeForm?: boolean }): Promise<FuzzBox> {
  const dataDir = tmpDir('gsmkeeper-fuzz-');
  const simulator = new Simulator({ stateFile: path.join(dataDir, 'simulator.json'), timing: { ussdDelayMs: 0 }, vouchers: options.vouchers, storageCapacity: 50 });
  const running = await startDaemon({
    dataDir,
    simulator,
    config: {
      password: PASSWORD,
      http: { ...DEFAULT_CONFIG.http, listen: '127.0.0.1:0', token: null, rechargeForm: options.rechargeForm ?? false },
      sms: { dailyCap: 10_000_000, nonGroupRepliesPerHour: 10_000_000, multipartTimeoutSeconds: 600 },
      security: { ...DEFAULT_CONFIG.security, maxWrongPasswords: 10_000_000 },
      groups: { config: [CONFIG_MEMBER], command: [], notify: [] },
      credit: { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#' },
    },
  });
  const { daemon } = running;
  const busy = (): number => {
    const row = daemon.store.db
      .prepare("SELECT (SELECT COUNT(*) FROM commands WHERE state NOT IN ('answered', 'dropped')) + (SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')) AS n")
      .get() as { n: number };
    const sim = running.simulator.stats();
    return row.n + sim.storageUsed + sim.queued;
  };
  return {
    running,
    dbFile: path.join(dataDir, 'gsmkeeper.db'),
    takeLogs: () => running.logs.splice(0),
    settled: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      let quiet = 0;
      while (Date.now() < deadline) {
        await daemon.settle();
        quiet = busy() === 0 ? quiet + 1 : 0;
        if (quiet >= 3) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    },
    get: async (url) => {
      const response = await fetch(`${running.baseUrl}${url}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      return { status: response.status, json: await response.json() };
    },
    post: async (url, body, token = TOKEN) => {
      const response = await fetch(`${running.baseUrl}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: response.status, json };
    },
    stop: () => running.stop(),
  };
}
