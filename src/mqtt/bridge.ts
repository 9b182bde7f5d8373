import type { IPublishPacket, MqttClient } from 'mqtt';
import type { MqttConfig } from '../config/schema.js';
import type { Money } from '../carriers/money.js';
import type { Logger } from '../log/logger.js';
import type { Db } from '../store/db.js';
import { MqttStore, type Publication } from '../store/mqtt.js';
import { readCommand, readHaCommand, type ReadCommand, type ReplyTo, type Request } from './commands.js';
import { connectBroker } from './connection.js';
import { boxDiscovery, discoveryTopic, lineDeviceId, lineDiscovery, type Discovery } from './discovery.js';
import { errorBody, execute, type Outcome } from './executor.js';
import type { BoxEvent, BoxPort } from './port.js';
import { Publisher } from './publisher.js';
import { lineState, stateKey } from './state.js';
import { BoxTopics, HA_BIRTH_PAYLOAD, LEVEL_RE, type EventType } from './topics.js';

export interface BridgeOptions {
  port: BoxPort;
  /** The box's database: the bridge keeps its queue and command ids there. */
  db: Db;
  config: MqttConfig & { url: string };
  boxId: string;
  logger: Logger;
  /** Milliseconds between reconnection attempts (tests shorten it). */
  reconnectMs?: number;
  /** Events within this many milliseconds make one state publication per line. */
  coalesceMs?: number;
}

/** An amount as a number in the currency's units, with the currency: `{"balance": 7.5, "currency": "EUR"}`. */
const figure = (name: string, money: Money | null): Record<string, unknown> => (money ? { [name]: money.cents / 100, currency: money.currency } : { [name]: null });

/** Line names that would collide with the box's own topics. */
const RESERVED_LINES = new Set(['cmd', 'res', 'errors', 'status']);
/** Commands worked on at once; the next is taken from the broker when one finishes. */
const MAX_RUNNING = 32;
/** A command id is remembered this long: a broker redelivers within a session, not months later. */
const KEEP_COMMAND_IDS_MS = 30 * 86_400_000;

/**
 * The box on an MQTT broker: its availability, each line's retained state and events out, Home
 * Assistant's discovery, commands in. Everything it publishes is first a row in SQLite (the
 * publisher sends them in order); every command id is recorded before anything is done, so a
 * copy the broker delivers again is answered from the record and never run twice.
 */
export class MqttBridge {
  private client: MqttClient | null = null;
  private readonly store: MqttStore;
  private readonly publisher: Publisher;
  private readonly topics: BoxTopics;
  private readonly log: Logger;
  /** The state last queued per line, as compared for a change. */
  private readonly states = new Map<string, string>();
  private readonly discovered: Map<string, string>;
  private readonly refreshes = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly capacity: Array<() => void> = [];
  private unsubscribe: (() => void) | null = null;
  private subscribed = false;
  private forgottenAt = 0;
  private stopped = false;

  constructor(private readonly options: BridgeOptions) {
    this.log = options.logger.child({ channel: 'mqtt' });
    this.topics = new BoxTopics(options.config.baseTopic, options.boxId);
    this.store = new MqttStore(options.db, options.config.queueLimit);
    this.discovered = this.store.discovered();
    const bridge = this;
    this.publisher = new Publisher(
      this.store,
      {
        get connected() {
          return bridge.client?.connected === true;
        },
        get protocolVersion() {
          return bridge.client?.options.protocolVersion ?? 4;
        },
        publish: (topic, payload, options, callback) => bridge.client!.publish(topic, payload, options, (err) => callback(err ?? undefined)),
      },
      options.logger,
    );
  }

  get connected(): boolean {
    return this.client?.connected === true;
  }

  /** Publications waiting in the queue (the broker away, or not yet acknowledged). */
  get waiting(): number {
    return this.store.waiting();
  }

  async start(): Promise<void> {
    const { config } = this.options;
    this.answerInterrupted();
    this.forgetOldCommands();
    this.unsubscribe = this.options.port.subscribe((event) => this.onEvent(event));
    await this.refreshAll();
    this.client = await connectBroker(
      {
        url: config.url,
        username: config.username,
        password: config.password,
        ca: config.ca,
        cert: config.cert,
        key: config.key,
        clientId: this.options.boxId,
        persistent: true,
        sessionExpirySeconds: config.sessionExpirySeconds,
        will: { topic: this.topics.status, payload: 'offline', retain: true },
        ...(this.options.reconnectMs !== undefined ? { reconnectMs: this.options.reconnectMs } : {}),
        onMessage: (topic, payload, packet, done) => this.onMessage(topic, payload, packet, done),
      },
      this.options.logger,
    );
    this.client.on('connect', (connack) => this.onConnect(connack.sessionPresent));
    this.client.on('offline', () => this.log.warn({ waiting: this.store.waiting() }, 'MQTT broker away: publications wait in the queue'));
  }

  private onConnect(sessionPresent: boolean): void {
    const client = this.client!;
    this.log.info({ protocolVersion: client.options.protocolVersion, sessionPresent, waiting: this.store.waiting() }, 'connected to the MQTT broker');
    // Availability belongs to the connection, ahead of any backlog: not a queued row.
    client.publish(this.topics.status, 'online', { qos: 1, retain: true });
    if (!this.subscribed) {
      this.subscribed = true;
      const { config } = this.options;
      client.subscribe(
        { [this.topics.commands]: { qos: 1 }, [this.topics.haCommands]: { qos: 1 }, ...(config.discovery ? { [`${config.discoveryPrefix}/status`]: { qos: 1 } } : {}) },
        (err) => (err ? this.log.error({ err: err.message }, 'MQTT subscription failed') : undefined),
      );
    }
    this.publisher.kick();
  }

  private onMessage(topic: string, payload: Buffer, packet: IPublishPacket, done: () => void): void {
    if (this.stopped) return done();
    if (topic === this.topics.commands) return this.onCommand(readCommand(payload, packet.properties, this.topics), done);
    const ha = this.topics.parseHa(topic);
    if (ha) {
      const request = readHaCommand(ha.line, ha.command, payload);
      if (request) this.track(this.runHaRequest(request));
      else this.log.warn({ topic }, 'a Home Assistant command that is not one: ignored');
    } else if (this.options.config.discovery && topic === `${this.options.config.discoveryPrefix}/status` && payload.toString() === HA_BIRTH_PAYLOAD) {
      this.log.info('Home Assistant (re)started: discovery sent again');
      this.rediscover();
    }
    done();
  }

  /** Recorded first, acknowledged to the broker second, carried out third. */
  private onCommand(read: ReadCommand, done: () => void): void {
    if (!read.ok) {
      this.log.warn({ id: read.id, error: read.code, message: read.message }, 'MQTT command refused');
      this.publisher.enqueue(this.answer(read.replyTo, { id: read.id, ...errorBody(read.code, read.message) }));
      return done();
    }
    if (Date.now() - this.forgottenAt > 86_400_000) this.forgetOldCommands();
    const claim = this.store.claim(read.id, read.request.kind, read.replyTo.topic, read.replyTo.correlation);
    if (claim.kind === 'answered') {
      this.log.info({ id: read.id }, 'MQTT command delivered again: the stored answer is sent again');
      this.publisher.enqueue({ topic: claim.replyTopic, payload: claim.answer, retain: false, kind: 'answer', correlation: claim.correlation });
    } else if (claim.kind === 'working') {
      this.log.info({ id: read.id }, 'MQTT command delivered again while it is being worked on: not run twice');
    } else if (claim.kind === 'new') {
      this.track(this.runCommand(read));
    }
    // Past the limit the broker's next message waits (it is not acknowledged) until a command finishes.
    if (this.running.size < MAX_RUNNING) return done();
    this.capacity.push(done);
  }

  private async runCommand(read: Extract<ReadCommand, { ok: true }>): Promise<void> {
    const line = this.resolveLine(read.request.line);
    let outcome: Outcome;
    if (read.expires !== null && read.expires <= Date.now()) outcome = { body: errorBody('expired', 'the command expired before the box got it: not run') };
    else if (!line) outcome = { body: errorBody('unknown_line', `no line "${read.request.line}" (lines: ${this.lines().join(', ')})`) };
    else outcome = await this.carryOut(line, read.request, read.id);
    if ('silent' in outcome) {
      this.log.info({ id: read.id, reason: outcome.silent }, 'MQTT command dropped in silence, as by SMS');
      this.publisher.finishCommand(read.id, null);
    } else {
      this.log.info({ id: read.id, request: read.request.kind, ok: outcome.body.ok }, 'MQTT command answered');
      this.publisher.finishCommand(read.id, this.answer(read.replyTo, { id: read.id, line, ...outcome.body }));
    }
  }

  private async runHaRequest(request: Request): Promise<void> {
    const line = this.resolveLine(request.line);
    if (!line) return void this.log.warn({ line: request.line }, 'a Home Assistant command for a line the box does not have: ignored');
    const outcome = await this.carryOut(line, request, 'ha');
    this.log.info({ line, request: request.kind, ...('body' in outcome ? { ok: outcome.body.ok, error: outcome.body.error } : {}) }, 'Home Assistant command carried out');
  }

  private async carryOut(line: string, request: Request, requestId: string): Promise<Outcome> {
    try {
      return await execute(this.options.port, line, request, { trusted: !this.options.config.commandPassword, requestId });
    } catch (err) {
      this.log.error({ request: request.kind, err: err instanceof Error ? err.message : String(err) }, 'MQTT command failed');
      return { body: errorBody('failed', err instanceof Error ? err.message : String(err)) };
    }
  }

  private answer(replyTo: ReplyTo, body: Record<string, unknown>): Publication {
    return { topic: replyTo.topic, payload: JSON.stringify({ ...body, box: this.options.boxId, at: new Date().toISOString() }), retain: false, kind: 'answer', correlation: replyTo.correlation };
  }

  /** Commands a previous run took and never answered: it stopped while working on them, so the outcome is not known here. */
  private answerInterrupted(): void {
    for (const command of this.store.unfinished()) {
      this.log.warn({ id: command.id, request: command.what }, 'MQTT command interrupted by a restart');
      const body = errorBody('interrupted', 'the box stopped while this command ran: it may or may not have been carried out (a recharge says what became of it in the box\'s recharges)');
      this.publisher.finishCommand(command.id, this.answer({ topic: command.replyTopic, correlation: command.correlation }, { id: command.id, ...body }));
    }
  }

  /** At start and then at most daily, as commands come: the ids a broker will not deliver again. */
  private forgetOldCommands(): void {
    this.forgottenAt = Date.now();
    this.store.forgetCommandsBefore(new Date(this.forgottenAt - KEEP_COMMAND_IDS_MS).toISOString());
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => {
      this.running.delete(work);
      this.capacity.shift()?.();
    });
  }

  private lines(): string[] {
    return this.options.port.lines().filter((line) => LEVEL_RE.test(line) && !RESERVED_LINES.has(line));
  }

  private resolveLine(name: string | null): string | null {
    const lines = this.lines();
    if (name === null) return lines[0] ?? null;
    return lines.includes(name) ? name : null;
  }

  private onEvent(event: BoxEvent): void {
    if (this.stopped) return;
    switch (event.type) {
      case 'line-state':
        // A line not seen before: the line set changed, so every line (and any gone) is looked at.
        return this.scheduleRefresh(this.states.has(event.line) ? event.line : null);
      case 'wallet-changed':
        return this.scheduleRefresh(null);
      case 'balance-recorded':
        if (event.line === null) return;
        this.publishEvent(event.line, 'balance', { ...figure('balance', event.balance), validUntil: event.validUntil, source: event.source, at: event.at });
        return this.scheduleRefresh(event.line);
      case 'recharge-finished':
        if (event.line === null) return;
        this.publishEvent(event.line, 'recharge', {
          outcome: event.outcome, card: event.card, ...figure('added', event.added), ...figure('balance', event.balance), validUntil: event.validUntil, at: event.at,
        });
        return this.scheduleRefresh(event.line);
      case 'sms-received':
        if (!event.command) this.publishEvent(event.line, 'sms-received', { from: event.sender, text: event.text, at: event.at });
        return;
      case 'alert':
        return this.publishEvent(event.line, 'alert', { text: event.text, at: event.at });
      default:
        return;
    }
  }

  private publishEvent(line: string, type: EventType, body: Record<string, unknown>): void {
    if (!this.lines().includes(line)) return;
    // `event_type` is what Home Assistant's event entity reads.
    this.publisher.enqueue({ topic: this.topics.event(line, type), payload: JSON.stringify({ event_type: type, box: this.options.boxId, line, ...body }), retain: false, kind: 'event' });
  }

  /** One state publication for a burst of events (null: every line, and lines gone). */
  private scheduleRefresh(line: string | null): void {
    const key = line ?? '*';
    if (this.refreshes.has(key)) return;
    this.refreshes.set(key, setTimeout(() => {
      this.refreshes.delete(key);
      void (line === null ? this.refreshAll() : this.refresh(line));
    }, this.options.coalesceMs ?? 200));
  }

  private async refresh(line: string): Promise<void> {
    let state;
    try {
      state = lineState(await this.options.port.snapshot(line));
    } catch (err) {
      return void this.log.warn({ line, err: err instanceof Error ? err.message : String(err) }, 'line state not read');
    }
    if (this.stopped) return;
    const key = stateKey(state);
    if (this.states.get(line) !== key) {
      this.states.set(line, key);
      this.publisher.enqueue({ topic: this.topics.state(line), payload: JSON.stringify(state), retain: true, kind: 'state' });
    }
    if (this.options.config.discovery) this.discover(lineDiscovery(this.options.config.discoveryPrefix, this.topics, state));
  }

  /** The box and every line; a line that went away is removed from Home Assistant and its retained state cleared. */
  private async refreshAll(): Promise<void> {
    const { discovery, discoveryPrefix } = this.options.config;
    const lines = this.lines();
    if (discovery) this.discover(boxDiscovery(discoveryPrefix, this.topics));
    for (const line of lines) await this.refresh(line);
    const keep = new Set(discovery ? [boxDiscovery(discoveryPrefix, this.topics).topic, ...lines.map((line) => discoveryTopic(discoveryPrefix, this.topics, lineDeviceId(this.topics, line)))] : []);
    for (const topic of [...this.discovered.keys()]) {
      if (keep.has(topic)) continue;
      this.discover({ topic, payload: '' });
      const gone = this.lineOfDiscovery(topic);
      if (gone && !lines.includes(gone)) {
        this.log.info({ line: gone }, 'line gone: removed from Home Assistant, its retained state cleared');
        this.states.delete(gone);
        this.publisher.enqueue({ topic: this.topics.state(gone), payload: '', retain: true, kind: 'state' });
      }
    }
  }

  /** The line a line device's discovery topic is about (`…/device/<box>/gsmkeeper_<box>_<line>/config`). */
  private lineOfDiscovery(topic: string): string | null {
    const head = discoveryTopic(this.options.config.discoveryPrefix, this.topics, lineDeviceId(this.topics, ''));
    const [start, end] = [head.slice(0, -'/config'.length), '/config'];
    if (!topic.startsWith(start) || !topic.endsWith(end)) return null;
    const line = topic.slice(start.length, -end.length);
    return LEVEL_RE.test(line) ? line : null;
  }

  /** Queues a discovery payload that differs from what Home Assistant was last told (an empty one removes the device). */
  private discover({ topic, payload }: Discovery): void {
    if ((this.discovered.get(topic) ?? '') === payload) return;
    if (payload) this.discovered.set(topic, payload);
    else this.discovered.delete(topic);
    this.store.rememberDiscovery(topic, payload || null);
    this.publisher.enqueue({ topic, payload, retain: true, kind: 'discovery' });
  }

  /** Home Assistant's birth message: every device again, then every state. */
  private rediscover(): void {
    for (const [topic, payload] of this.discovered) this.publisher.enqueue({ topic, payload, retain: true, kind: 'discovery' });
    this.states.clear();
    this.scheduleRefresh(null);
  }

  /** Finishes the commands in flight (their answers are queued), says `offline`, and lets go of the broker. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe?.();
    for (const timer of this.refreshes.values()) clearTimeout(timer);
    this.refreshes.clear();
    for (const done of this.capacity.splice(0)) done();
    let patience: NodeJS.Timeout | undefined;
    const wait = (ms: number) => new Promise<void>((resolve) => (patience = setTimeout(resolve, ms)));
    await Promise.race([Promise.allSettled([...this.running]), wait(5000)]);
    clearTimeout(patience);
    const client = this.client;
    if (client?.connected) {
      await this.publisher.drained(2000);
      await Promise.race([new Promise<void>((resolve) => client.publish(this.topics.status, 'offline', { qos: 1, retain: true }, () => resolve())), wait(2000)]);
      clearTimeout(patience);
    }
    this.publisher.stop();
    await client?.endAsync(true).catch(() => undefined);
  }
}
