import type { IPublishPacket, MqttClient } from 'mqtt';
import type { MqttConfig } from '../config/mqtt-schema.js';
import type { Logger } from '../log/logger.js';
import type { Db } from '../store/db.js';
import { MqttStore } from '../store/mqtt.js';
import { CommandDesk } from './command-desk.js';
import { readCommand } from './commands.js';
import { connectBroker } from './connection.js';
import type { BoxPort } from './port.js';
import { Publisher } from './publisher.js';
import { LineReporter } from './reporter.js';
import { BoxTopics, HA_BIRTH_PAYLOAD } from './topics.js';

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

/**
 * The box on an MQTT broker: its availability, each line's retained state and events out, Home
 * Assistant's discovery (the reporter), commands in (the desk). Everything it publishes is first
 * a row in SQLite, sent in order by the publisher; every command id is recorded before anything
 * is done, so a copy the broker delivers again is answered from the record and never run twice.
 */
export class MqttBridge {
  private client: MqttClient | null = null;
  private readonly store: MqttStore;
  private readonly publisher: Publisher;
  private readonly reporter: LineReporter;
  private readonly desk: CommandDesk;
  private readonly topics: BoxTopics;
  private readonly log: Logger;
  private unsubscribe: (() => void) | null = null;
  private subscribed = false;
  private stopped = false;

  constructor(private readonly options: BridgeOptions) {
    this.log = options.logger.child({ channel: 'mqtt' });
    this.topics = new BoxTopics(options.config.baseTopic, options.boxId);
    this.store = new MqttStore(options.db, options.config.queueLimit);
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
    const shared = { port: options.port, topics: this.topics, config: options.config, publisher: this.publisher, store: this.store, log: this.log };
    this.reporter = new LineReporter({ ...shared, coalesceMs: options.coalesceMs ?? 200 });
    this.desk = new CommandDesk(shared);
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
    this.desk.answerInterrupted();
    this.desk.forgetOldCommands();
    this.unsubscribe = this.options.port.subscribe((event) => this.reporter.onEvent(event));
    await this.reporter.refreshAll();
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
    if (topic === this.topics.commands) return this.desk.onCommand(readCommand(payload, packet.properties, this.topics), done);
    const ha = this.topics.parseHa(topic);
    if (ha) this.desk.onHa(ha.line, ha.command, payload);
    else if (this.options.config.discovery && topic === `${this.options.config.discoveryPrefix}/status` && payload.toString() === HA_BIRTH_PAYLOAD) {
      this.log.info('Home Assistant (re)started: discovery sent again');
      this.reporter.rediscover();
    }
    done();
  }

  /** Finishes the commands in flight (their answers are queued), says `offline`, and lets go of the broker. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe?.();
    this.reporter.stop();
    await this.desk.stop(5000);
    const client = this.client;
    if (client?.connected) {
      await this.publisher.drained(2000);
      let patience: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => client.publish(this.topics.status, 'offline', { qos: 1, retain: true }, () => resolve())),
        new Promise((resolve) => (patience = setTimeout(resolve, 2000))),
      ]);
      clearTimeout(patience);
    }
    this.publisher.stop();
    await client?.endAsync(true).catch(() => undefined);
  }
}
