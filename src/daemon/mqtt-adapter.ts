import { formatMoney } from '../carriers/money.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { BoxEvent, BoxPort, CommandOutcome } from '../mqtt/port.js';
import { boxIdOf } from '../mqtt/topics.js';
import type { Daemon } from './daemon.js';
import type { BoxEvent as DaemonEvent } from '../events/box-events.js';
import type { RunOutcome } from './runner.js';

/** Who MQTT commands are recorded and guarded as: one sender for the broker, one lockout. */
const CLIENT = 'mqtt:broker';

const outcomeOf = (run: RunOutcome): CommandOutcome =>
  run.kind === 'answered' ? { kind: 'answered', name: run.name, reply: run.reply, smsTo: run.smsTo } : { kind: 'dropped', reason: run.reason };

/**
 * A text the broker vouches for (mqtt.commandPassword: false) may leave out `*<password>`; the
 * grammar wants a `*`, so it gets a stand-in, which the waived password check lets pass.
 */
const asTrusted = (text: string): string => (text.includes('*') ? text : `*- ${text}`);

/** The daemon's events as the bridge reads them: the same, and a line's notices as alerts. */
function bridgeEvent(event: DaemonEvent): BoxEvent {
  return event.type === 'notice' ? { type: 'alert', line: event.line, text: event.text, at: event.at } : event;
}

/**
 * The MQTT bridge's port (src/mqtt/port.ts) over the daemon: its lines by name, its typed events,
 * and its abilities on the `mqtt` channel. A request for a line that is not up is refused with
 * the line's state, as every other channel refuses it; nothing is tried on another line.
 */
export function daemonPort(daemon: Daemon): BoxPort {
  /** The line named, up and able to work; else an error the bridge answers with. */
  const usable = (name: string) => {
    const chosen = daemon.chooseLine(name);
    if ('line' in chosen) return chosen.line;
    const state = chosen.refusal.lines.find((line) => line.name === name)?.state;
    throw new Error(state ? `line ${name} is ${state}: nothing was done` : `no line "${name}"`);
  };

  return {
    lines: () => daemon.lines.map((line) => line.name),
    subscribe: (listener) => daemon.events.onAny((event) => listener(bridgeEvent(event))),
    async snapshot(name) {
      const line = daemon.line(name);
      const status = await line.status();
      const lastId = line.imsi ? daemon.store.recharges.latestId(line.imsi) : null;
      const last = lastId !== null ? daemon.store.recharges.get(lastId) : undefined;
      return {
        line: name,
        carrier: status.carrierName,
        modemUp: line.up && line.state !== 'recovering',
        registration: status.registration,
        network: status.network,
        signalDbm: status.signal?.dbm ?? null,
        balance: status.balance,
        walletCardsReady: status.walletCards,
        problems: status.degraded,
        lastRecharge: last
          ? { at: last.finished_at ?? last.started_at, outcome: last.state, card: last.code_masked, amount: last.added_cents === null ? null : formatMoney({ cents: last.added_cents, currency: last.currency ?? '' }).trim() }
          : null,
      };
    },
    async runCommand(line, text, { trusted, idempotencyKey, lang }) {
      return outcomeOf(await daemon.runRequest('mqtt', trusted ? asTrusted(text) : text, CLIENT, idempotencyKey, line, lang));
    },
    recharge: (line, code, requestedBy) => usable(line).recharge({ code, requestedBy, commandId: null }),
    checkBalance: (line) => usable(line).balance(),
    async sendSms(line, to, text) {
      const chosen = usable(line);
      const recipients = to === null ? daemon.store.groups.members('notify') : [to];
      return { outboxIds: recipients.map((recipient) => chosen.send(recipient, text)) };
    },
    topUp: (line) => daemon.wallet.topUp('mqtt', usable(line).name),
    restartModem: (line) => daemon.line(line).restartModem(),
    language: () => daemon.settings.language,
  };
}

/** The bridge over this daemon, when `mqtt.url` is set: MQTT.js and the bridge are loaded only then. */
export async function startMqttBridge(daemon: Daemon, config: Config, logger: Logger, tuning: { reconnectMs?: number; coalesceMs?: number } = {}) {
  const url = config.mqtt.url;
  if (!url) throw new Error('mqtt.url is not set');
  const { MqttBridge } = await import('../mqtt/bridge.js');
  const bridge = new MqttBridge({ port: daemonPort(daemon), db: daemon.store.db, config: { ...config.mqtt, url }, boxId: boxIdOf(config.mqtt), logger, ...tuning });
  await bridge.start();
  return { bridge, stop: () => bridge.stop() };
}
