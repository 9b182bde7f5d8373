import fs from 'node:fs';
import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import type { Logger } from '../log/logger.js';
import { unreadableFile } from '../util/readable-file.js';

export interface BrokerOptions {
  url: string;
  username: string | null;
  password: string | null;
  /** PEM files: a CA to trust, a client certificate and its key. */
  ca: string | null;
  cert: string | null;
  key: string | null;
  clientId: string;
  /** A persistent session: the broker keeps the subscriptions and QoS 1 messages while the client is away. */
  persistent: boolean;
  /** MQTT 5 session expiry, for a persistent session. */
  sessionExpirySeconds?: number;
  /** Published by the broker when the connection is lost without a goodbye. */
  will?: { topic: string; payload: string; retain: boolean };
  /** Milliseconds between reconnection attempts. */
  reconnectMs?: number;
  /**
   * Every incoming message, one at a time; the broker has its acknowledgement once `done` is
   * called, so what must be recorded before the PUBACK is recorded first.
   */
  onMessage?: (topic: string, payload: Buffer, packet: IPublishPacket, done: () => void) => void;
}

/** CONNACK codes a broker answers a protocol version it does not speak with: 3.1.1's 1, MQTT 5's 0x84. */
const UNSUPPORTED_VERSION = new Set([1, 0x84]);

/**
 * An MQTT.js client: MQTT 5 first, and 3.1.1 for the life of the process when the broker turns
 * version 5 down; TLS from the url (mqtts://) with optional CA and client certificate files. It
 * keeps reconnecting whatever the broker said (a wrong password fixed on the broker side is
 * picked up without a restart). MQTT.js is loaded here only, so a box without MQTT never loads it.
 */
export async function connectBroker(options: BrokerOptions, logger: Logger): Promise<MqttClient> {
  const { connect } = await import('mqtt');
  const log = logger.child({ channel: 'mqtt' });
  // The config check found them readable at start; one gone since is still named, not a bare ENOENT.
  const read = (key: 'ca' | 'cert' | 'key'): Buffer | undefined => {
    const file = options[key];
    if (!file) return undefined;
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new Error(`mqtt.${key}: ${file}: ${unreadableFile(file) ?? (err as Error).message}`);
    }
  };
  const tls = { ca: read('ca'), cert: read('cert'), key: read('key') };
  const clientOptions: IClientOptions = {
    protocolVersion: 5,
    clientId: options.clientId,
    clean: !options.persistent,
    ...(options.persistent && options.sessionExpirySeconds ? { properties: { sessionExpiryInterval: options.sessionExpirySeconds } } : {}),
    ...(options.username !== null ? { username: options.username } : {}),
    ...(options.password !== null ? { password: options.password } : {}),
    ...Object.fromEntries(Object.entries(tls).filter(([, value]) => value !== undefined)),
    ...(options.will ? { will: { topic: options.will.topic, payload: Buffer.from(options.will.payload), qos: 1 as const, retain: options.will.retain } } : {}),
    reconnectPeriod: options.reconnectMs ?? 5000,
    reconnectOnConnackError: true,
    connectTimeout: 15_000,
    keepalive: 60,
    // Outgoing messages wait in SQLite, not in the client's memory, while the broker is away.
    queueQoSZero: false,
    // mqtt-packet would otherwise keep 65,536 pre-made 2-byte buffers (about 7 MiB of heap) to
    // save an allocation per packet id: a box publishes a few messages a minute.
    writeCache: false,
  };
  const client = connect(options.url, clientOptions);
  let fallingBack = false;
  // A broker away for days is one line in the log, not one per attempt: a failure is logged when it differs from the last.
  let lastFailure = '';
  client.on('connect', () => (lastFailure = ''));
  client.on('error', (err: Error & { code?: number }) => {
    if (typeof err.code === 'number' && UNSUPPORTED_VERSION.has(err.code) && client.options.protocolVersion === 5) {
      log.info('the broker does not speak MQTT 5: using 3.1.1');
      client.options.protocolVersion = 4;
      delete client.options.properties;
      fallingBack = true;
      return;
    }
    if (err.message === lastFailure) return;
    lastFailure = err.message;
    log.warn({ err: err.message, code: err.code }, 'MQTT connection failed: retrying');
  });
  // The broker is there and answered: try 3.1.1 at once rather than after the reconnection period.
  client.on('close', () => {
    if (!fallingBack) return;
    fallingBack = false;
    setImmediate(() => client.reconnect());
  });
  const onMessage = options.onMessage;
  if (onMessage) {
    client.handleMessage = (packet, done) => {
      try {
        const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
        onMessage(packet.topic, payload, packet, () => done());
      } catch (err) {
        // Nothing on the broker may stop the client: a message that broke its handler is acknowledged and logged.
        log.error({ topic: packet.topic, err: err instanceof Error ? err.message : String(err) }, 'an MQTT message could not be handled');
        done();
      }
    };
  }
  return client;
}
