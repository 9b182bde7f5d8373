/**
 * ADAPTER — the MQTT bridge's port (src/mqtt/port.ts) over today's Daemon: one line, `main`, and
 * no event stream of its own. Its events are taken where the daemon already reports (the
 * supervisor's transitions, recorded balances, the metrics tallies, the Notify group's messages,
 * wallet changes), and it reaches three of the daemon's parts by name (the control context, the
 * sender guard, the outbox pump). To be rewritten over the box's lines and their typed events.
 */
import { EventEmitter } from 'node:events';
import { formatMoney } from '../carriers/money.js';
import type { Config } from '../config/schema.js';
import type { ControlContext } from '../control/context.js';
import type { Logger } from '../log/logger.js';
import type { RechargeResult } from '../recharge/result.js';
import type { BoxEvent, BoxPort, CommandOutcome } from '../mqtt/port.js';
import { boxIdOf } from '../mqtt/topics.js';
import type { Daemon } from './daemon.js';
import type { OutboxPump } from './outbox-pump.js';
import { CommandRunner, type RunOutcome } from './runner.js';
import type { SenderGuard } from './sender-guard.js';

const LINE = 'main';
/** The sender MQTT commands are recorded and guarded under (one channel, one lockout). */
const CLIENT = 'mqtt';
const WALLET_CHANGES = ['add', 'addAll', 'remove', 'importCsv', 'massEdit', 'deleteCards', 'topUp'] as const;

/** Calls `listener` with a method's arguments after each call of it on this object; returns the undo. */
function after<T extends object>(target: T, method: keyof T & string, listener: (...args: any[]) => void): () => void {
  const own = Object.prototype.hasOwnProperty.call(target, method);
  const original = target[method] as unknown as (...args: unknown[]) => unknown;
  (target as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    try {
      listener(...args);
    } catch {
      // A listener only reports; the daemon's own call is done whatever it does.
    }
    return result;
  };
  return () => {
    if (own) (target as Record<string, unknown>)[method] = original;
    else delete (target as Record<string, unknown>)[method];
  };
}

const outcomeOf = (run: RunOutcome): CommandOutcome =>
  run.kind === 'answered' ? { kind: 'answered', name: run.name, reply: run.reply, smsTo: run.smsTo } : { kind: 'dropped', reason: run.reason };

/** A text the broker vouches for: the grammar wants `*<password>`, so one that has none gets a stand-in. */
const asTrusted = (text: string): string => (text.includes('*') ? text : `*- ${text}`);

export function daemonPort(daemon: Daemon, logger: Logger): BoxPort & { close(): void } {
  const inside = daemon as unknown as { ctx: ControlContext; guard: SenderGuard; pump: OutboxPump };
  const { store, tallies } = daemon;
  const events = new EventEmitter<{ event: [BoxEvent] }>();
  const emit = (event: BoxEvent) => events.emit('event', event);
  const lineState = () => emit({ type: 'line-state', line: LINE });
  const walletChanged = () => emit({ type: 'wallet-changed' });
  const at = () => new Date().toISOString();
  const enqueue = store.outbox.enqueue.bind(store.outbox);
  // Any password passes: the broker's ACL stands for it (mqtt.commandPassword: false).
  const trustingSettings = Object.create(inside.ctx.settings, { checkPassword: { value: () => true } }) as ControlContext['settings'];
  const trusted = new CommandRunner(store, { ...inside.ctx, settings: trustingSettings }, inside.guard, logger, () => inside.pump.kick(), (row, outcome) => tallies.command(row.source, outcome));

  // The Notify group gets one message per member: one alert per text.
  const alerts = new Set<string>();
  const flushAlerts = () => {
    for (const text of alerts) emit({ type: 'alert', line: LINE, text, at: at() });
    alerts.clear();
  };
  const undo = [
    () => daemon.supervisor.off('step', lineState),
    () => daemon.supervisor.off('degraded', lineState),
    store.balances.onRecorded((imsi) => {
      const row = store.balances.latest(imsi);
      if (!row) return;
      const balance = row.balance_cents !== null && row.currency ? { cents: row.balance_cents, currency: row.currency } : null;
      emit({ type: 'balance-recorded', line: LINE, balance, validUntil: row.valid_until, source: row.source, at: row.checked_at });
    }),
    after(tallies, 'command', (channel: string, outcome: RunOutcome) => {
      if (channel !== 'sms' || outcome.kind !== 'dropped' || outcome.reason !== 'no-star') return;
      const row = store.commands.get(outcome.commandId);
      if (row) emit({ type: 'sms-received', line: LINE, sender: row.sender, text: row.text, command: false, at: row.created_at });
    }),
    after(tallies, 'recharge', (result: RechargeResult | 'error') => {
      if (result === 'error') return;
      const success = result.kind === 'success' ? result : null;
      emit({
        type: 'recharge-finished', line: LINE, outcome: result.kind, card: 'masked' in result ? result.masked : null,
        added: success?.added ?? null, balance: success?.balance ?? null, validUntil: success?.validUntil ?? null, at: at(),
      });
    }),
    after(store.outbox, 'enqueue', (_recipient: string, text: string, commandId?: number | null) => {
      if (commandId != null) return;
      if (!alerts.size) queueMicrotask(flushAlerts);
      alerts.add(text);
    }),
    ...WALLET_CHANGES.map((method) => after(daemon.wallet, method, walletChanged)),
  ];
  daemon.supervisor.on('step', lineState);
  daemon.supervisor.on('degraded', lineState);

  return {
    lines: () => [LINE],
    subscribe(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    async snapshot(line) {
      const status = await inside.ctx.status();
      const imsi = daemon.modem.imsi;
      const lastId = imsi ? store.recharges.latestId(imsi) : null;
      const last = lastId !== null ? store.recharges.get(lastId) : undefined;
      return {
        line,
        carrier: status.carrierName,
        modemUp: daemon.supervisor.step === 'healthy',
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
    async runCommand(_line, text, { trusted: byBroker, idempotencyKey }) {
      if (!byBroker) return outcomeOf(await daemon.runHttpCommand(text, CLIENT, idempotencyKey));
      const { row } = store.commands.recordHttp(CLIENT, asTrusted(text), idempotencyKey);
      return outcomeOf(await trusted.run(row));
    },
    recharge: (_line, code, requestedBy) => daemon.rechargeCode(code, requestedBy),
    checkBalance: () => inside.ctx.balance(),
    async sendSms(_line, to, text) {
      const recipients = to === null ? store.groups.members('notify') : [to];
      const outboxIds = recipients.map((recipient) => enqueue(recipient, text));
      inside.pump.kick();
      return { outboxIds };
    },
    topUp: () => daemon.wallet.topUp('mqtt'),
    restartModem: () => daemon.restartModem(),
    close() {
      for (const step of undo) step();
      events.removeAllListeners();
    },
  };
}

/** The bridge over this daemon, when `mqtt.url` is set: MQTT.js and the bridge are loaded only then. */
export async function startMqttBridge(daemon: Daemon, config: Config, logger: Logger, tuning: { reconnectMs?: number; coalesceMs?: number } = {}) {
  const url = config.mqtt.url;
  if (!url) throw new Error('mqtt.url is not set');
  const { MqttBridge } = await import('../mqtt/bridge.js');
  const port = daemonPort(daemon, logger);
  const bridge = new MqttBridge({ port, db: daemon.store.db, config: { ...config.mqtt, url }, boxId: boxIdOf(config.mqtt), logger, ...tuning });
  try {
    await bridge.start();
  } catch (err) {
    port.close();
    throw err;
  }
  return {
    bridge,
    async stop(): Promise<void> {
      await bridge.stop();
      port.close();
    },
  };
}
