import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll } from 'vitest';
import { startMosquitto } from './mosquitto.js';
import { spawnProcess, type Spawned } from './processes.js';
import { waitFor } from './wait.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'aedes-broker.mjs');

export interface Broker {
  url: string;
  port: number;
  process: Spawned;
  /** Lets a held client in (see `startBroker`'s `hold`). */
  release(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real MQTT broker (aedes, from npm; or Mosquitto, see below) in a process of its own on 127.0.0.1: on a free port, or on
 * `port` to come back where a box expects it after an outage. `hold`: that client id is refused
 * until `release()`, so a test listens before the box sends what it kept; `tls` (a folder of
 * certificates), `users` and `acl`: see aedes-broker.mjs.
 */
export async function startBroker(options: { port?: number; hold?: string; tls?: string; users?: Record<string, string>; acl?: boolean } = {}): Promise<Broker> {
  // GSMKEEPER_TEST_BROKER=mosquitto: Debian's Mosquitto (MQTT 5) instead, where it is installed;
  // holding a client back is aedes's alone, so a test that needs it keeps aedes.
  if (process.env.GSMKEEPER_TEST_BROKER === 'mosquitto' && !options.hold) {
    const mosquitto = await startMosquitto(options);
    return { ...mosquitto, release: async () => undefined };
  }
  const flags = [
    ...(options.hold ? ['--hold', options.hold] : []),
    ...(options.tls ? ['--tls', options.tls] : []),
    ...(options.users ? ['--users', JSON.stringify(options.users)] : []),
    ...(options.acl ? ['--acl'] : []),
  ];
  const child = spawnProcess(process.execPath, [SCRIPT, String(options.port ?? 0), ...flags]);
  const [, port] = await child.waitForOutput(/BROKER LISTENING (\d+)/);
  const url = `${options.tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`;
  return {
    url,
    port: Number(port),
    process: child,
    async release() {
      const client = await connectTester(url);
      await client.publishAsync('test/release', '1', { qos: 1 });
      await client.endAsync();
    },
    stop: () => child.stop(),
  };
}

/** One broker for a whole test file, started before its tests and stopped after them (whatever they did). */
export function useBroker(): { readonly url: string; readonly current: Broker } {
  let broker: Broker | null = null;
  beforeAll(async () => {
    broker = await startBroker();
  });
  afterAll(async () => {
    await broker?.stop();
  });
  return {
    get url() {
      return broker!.url;
    },
    get current() {
      return broker!;
    },
  };
}

/** An MQTT.js client for a test: 3.1.1 (what aedes speaks), clean session, no reconnection. */
export async function connectTester(url: string, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, ...options });
}

export interface Received {
  topic: string;
  text: string;
  retain: boolean;
  json(): any;
}

/** Everything a client receives from now on, in order, with a wait for what a test expects. */
export function recorder(client: MqttClient) {
  const messages: Received[] = [];
  client.on('message', (topic, payload, packet) => {
    const text = payload.toString();
    messages.push({ topic, text, retain: packet.retain, json: () => JSON.parse(text) });
  });
  return {
    messages,
    on: (topic: string) => messages.filter((m) => m.topic === topic),
    /** The first message on `topic` that `match` accepts (waiting for it). */
    next: (topic: string, match: (m: Received) => boolean = () => true, timeoutMs = 15_000) =>
      waitFor(() => messages.find((m) => m.topic === topic && match(m)), timeoutMs, `a message on ${topic}`),
  };
}
