/**
 * The box under attack, in-process: the real daemon on the built-in simulator with a real SQLite
 * file and its HTTP relay (and, when asked, its MQTT bridge on a broker), logging at trace level
 * (every AT line) into memory the harness reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { Simulator } from '../../src/sim/simulator.js';
import { startDaemon, TOKEN, type RunningDaemon } from '../helpers/daemon.js';
import { startMqttBox, type MqttBox } from '../helpers/mqtt-box.js';
import { ROOT } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { PASSWORD } from './texts.js';

/** A number in the Config group that never texts: config commands by SMS are refused, as for a stranger. */
export const CONFIG_MEMBER = '+359880009999';
export const CARRIER_ANSWER_SECONDS = 5;

export interface FuzzBox<R extends RunningDaemon = RunningDaemon> {
  running: R;
  dbFile: string;
  /** Log lines written since the last call (they are dropped from memory once read). */
  takeLogs(): string[];
  /** Waits until every command is answered or dropped, every reply sent and the SIM's storage empty; false after `timeoutMs`. */
  settled(timeoutMs: number): Promise<boolean>;
  /** What is still busy, in words (for a stall's report). */
  busy(): string;
  post(url: string, body: unknown, token?: string | null): Promise<{ status: number; json: any }>;
  get(url: string): Promise<{ status: number; json: any }>;
  stop(): Promise<void>;
}

/** `mqtt`: the bridge on, on that broker under that box id (then MQTT commands in flight count as busy too). */
export async function startFuzzBox(options: { vouchers: number; rechargeForm?: boolean }): Promise<FuzzBox>;
export async function startFuzzBox(options: { vouchers: number; rechargeForm?: boolean; mqtt: { url: string; boxId: string } }): Promise<FuzzBox<MqttBox>>;
export async function startFuzzBox(options: { vouchers: number; rechargeForm?: boolean; mqtt?: { url: string; boxId: string } }): Promise<FuzzBox<RunningDaemon | MqttBox>> {
  const dataDir = tmpDir('gsmkeeper-fuzz-');
  // A carrier that never answers is given up on after 5 s (the schema's least) instead of 30 s, so a
  // damaged answer costs a batch seconds; the bounds the kinds wait for allow for it.
  const carriersDir = path.join(dataDir, 'carriers');
  fs.mkdirSync(carriersDir);
  const vivacom = JSON.parse(fs.readFileSync(path.join(ROOT, 'carriers', 'vivacom.json'), 'utf8'));
  vivacom.recharge.answerTimeoutSeconds = CARRIER_ANSWER_SECONDS;
  fs.writeFileSync(path.join(carriersDir, 'vivacom.json'), JSON.stringify(vivacom));
  // The carrier's state in memory: a file would be written whole after every change, and grows with every reply.
  const simulator = new Simulator({ stateFile: null, timing: { ussdDelayMs: 0 }, vouchers: options.vouchers, storageCapacity: 50 });
  const daemonOptions = {
    dataDir,
    simulator,
    config: {
      password: PASSWORD,
      carriersDir,
      // The keep-alive also sweeps the SIM for messages a garbled read left there: every 5 s (the
      // least) rather than every minute, so the probe's bound can be seconds.
      modem: { ...DEFAULT_CONFIG.modem, keepAliveSeconds: 5 },
      http: { ...DEFAULT_CONFIG.http, listen: '127.0.0.1:0', token: null, rechargeForm: options.rechargeForm ?? false },
      sms: { ...DEFAULT_CONFIG.sms, dailyCap: 10_000_000, nonGroupRepliesPerHour: 10_000_000, multipartTimeoutSeconds: 600 },
      security: { ...DEFAULT_CONFIG.security, maxWrongPasswords: 10_000_000 },
      groups: { config: [CONFIG_MEMBER], command: [], notify: [] },
      credit: { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#' },
    },
  };
  const running: RunningDaemon | MqttBox = options.mqtt ? await startMqttBox(options.mqtt.url, { ...daemonOptions, boxId: options.mqtt.boxId }) : await startDaemon(daemonOptions);
  const { daemon } = running;
  const bridge = options.mqtt ? (running as MqttBox).bridge : null;
  const counts = (): { commands: number; outbox: number; storage: number; queued: number; mqttCommands: number; mqttQueue: number } => {
    const row = daemon.store.db
      .prepare(
        "SELECT (SELECT COUNT(*) FROM commands WHERE state NOT IN ('answered', 'dropped')) AS commands, (SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')) AS outbox, (SELECT COUNT(*) FROM mqtt_commands WHERE state = 'working') AS mqttCommands",
      )
      .get() as { commands: number; outbox: number; mqttCommands: number };
    const sim = running.simulator.stats();
    return { ...row, storage: sim.storageUsed, queued: sim.queued, mqttQueue: bridge?.waiting ?? 0 };
  };
  const busy = (): number => Object.values(counts()).reduce((a, b) => a + b, 0);
  return {
    running,
    dbFile: path.join(dataDir, 'gsmkeeper.db'),
    takeLogs: () => running.logs.splice(0),
    busy: () => {
      const c = counts();
      const stored = running.simulator.state.storage.map((m) => JSON.stringify(m).slice(0, 160));
      const mqtt = bridge ? `, MQTT commands unfinished ${c.mqttCommands}, publications unsent ${c.mqttQueue}` : '';
      return `commands unfinished ${c.commands}, replies unsent ${c.outbox}, SMS on the SIM ${c.storage}${stored.length ? ` (${stored.join(', ')})` : ''}, waiting in the network ${c.queued}${mqtt}`;
    },
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
