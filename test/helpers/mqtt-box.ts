import { Writable } from 'node:stream';
import type { MqttClient } from 'mqtt';
import { afterEach } from 'vitest';
import type { MqttConfig } from '../../src/config/mqtt-schema.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { startMqttBridge } from '../../src/daemon/mqtt-adapter.js';
import { createLogger } from '../../src/log/logger.js';
import { connectTester, recorder, startBroker, type Broker } from './broker.js';
import { startDaemon, type DaemonTestOptions, type RunningDaemon } from './daemon.js';

export interface MqttBox extends RunningDaemon {
  boxId: string;
  bridge: Awaited<ReturnType<typeof startMqttBridge>>['bridge'];
  /** Stops the bridge, then the daemon (as `run` does). */
  stop(): Promise<void>;
}

/**
 * The daemon in-process on the simulator with the MQTT bridge on `url`: short reconnection and
 * coalescing intervals, everything logged into `logs`.
 */
export async function startMqttBox(url: string, options: DaemonTestOptions & { boxId?: string; mqtt?: Partial<MqttConfig> } = {}): Promise<MqttBox> {
  const boxId = options.boxId ?? 'box1';
  const mqtt: MqttConfig = { ...DEFAULT_CONFIG.mqtt, url, boxId, ...options.mqtt };
  const box = await startDaemon({ ...options, config: { ...options.config, mqtt } });
  const logger = createLogger({
    level: 'trace',
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        box.logs.push(chunk.toString());
        callback();
      },
    }),
  });
  let handle: Awaited<ReturnType<typeof startMqttBridge>>;
  try {
    handle = await startMqttBridge(box.daemon, { ...DEFAULT_CONFIG, mqtt }, logger, { reconnectMs: 100, coalesceMs: 20 });
  } catch (err) {
    await box.stop();
    throw err;
  }
  return {
    ...box,
    boxId,
    bridge: handle.bridge,
    stop: async () => {
      await handle.stop();
      await box.stop();
    },
  };
}

/**
 * What a test starts — brokers, boxes, test clients — each stopped after it, whatever it did
 * (clients first, then boxes, then brokers). A box the test stops itself is `forget`-ten.
 */
export function mqttScene() {
  const brokers: Broker[] = [];
  const boxes: MqttBox[] = [];
  const testers: MqttClient[] = [];
  afterEach(async () => {
    await Promise.all(testers.splice(0).map((client) => client.endAsync(true)));
    await Promise.all(boxes.splice(0).map((box) => box.stop()));
    await Promise.all(brokers.splice(0).map((broker) => broker.stop()));
  });
  const kept = <T>(list: T[], item: T): T => (list.push(item), item);
  return {
    broker: async (options: Parameters<typeof startBroker>[0] = {}) => kept(brokers, await startBroker(options)),
    box: async (url: string, options: Parameters<typeof startMqttBox>[1] = {}) => kept(boxes, await startMqttBox(url, options)),
    tester: async (url: string, options: Parameters<typeof connectTester>[1] = {}) => kept(testers, await connectTester(url, options)),
    /**
     * A box of its own (its retained topics apart from other tests') and a client hearing all it
     * says, once it is online; `send` publishes a command, `answer` waits for the one to an id.
     */
    async listened(url: string, boxId: string, options: Parameters<typeof startMqttBox>[1] = {}) {
      const tester = kept(testers, await connectTester(url));
      const heard = recorder(tester);
      await tester.subscribeAsync([`gsmkeeper/${boxId}/#`, `homeassistant/device/${boxId}/#`], { qos: 1 });
      const box = kept(boxes, await startMqttBox(url, { boxId, ...options }));
      await heard.next(`gsmkeeper/${boxId}/status`, (m) => m.text === 'online');
      const send = (body: unknown) => tester.publishAsync(`gsmkeeper/${boxId}/cmd`, typeof body === 'string' ? body : JSON.stringify(body), { qos: 1 });
      const answer = (id: string) => heard.next(`gsmkeeper/${boxId}/res/${id}`).then((m) => m.json());
      return { box, boxId, tester, heard, send, answer };
    },
    forget(box: MqttBox): void {
      boxes.splice(boxes.indexOf(box), 1);
    },
  };
}
