/**
 * Boxes for bench/mqtt.ts: `count` daemons in this one process, each on a built-in simulator of
 * its own, its own data dir and the MQTT bridge on the broker (relay off, logs silent).
 *   tsx bench/lib/mqtt-boxes.ts <broker url> <first index> <count>
 * Prints "BOXES READY <count>" once every bridge is started; SIGTERM stops them all.
 */
import path from 'node:path';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import { linesOf } from '../../src/config/lines.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { startMqttBridge } from '../../src/daemon/mqtt-adapter.js';
import { silentLogger } from '../../src/log/logger.js';
import { Simulator } from '../../src/sim/simulator.js';
import { tmpDir } from '../../test/helpers/tmp.js';

const [url, first, count] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const logger = silentLogger();
const running: Array<{ stop(): Promise<void> }> = [];

for (let i = first; i < first + count; i++) {
  const dataDir = tmpDir('gsmkeeper-fleet-');
  const simulator = new Simulator({ stateFile: path.join(dataDir, 'simulator.json'), timing: { ussdDelayMs: 10 } });
  const config: Config = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { ...DEFAULT_CONFIG.http, listen: '' },
    mqtt: { ...DEFAULT_CONFIG.mqtt, url, boxId: `bench-${String(i).padStart(3, '0')}` },
  };
  const lines = linesOf(config).map((line) => ({ config: line, link: { kind: 'duplex' as const, name: 'simulator', connect: async () => simulator.connect() } }));
  const daemon = new Daemon({ config, logger, lines, token: 'bench-token-0123456789', sim: simulator });
  await daemon.start();
  const bridge = await startMqttBridge(daemon, config, logger);
  running.push({
    async stop() {
      await bridge.stop();
      await daemon.stop();
      simulator.close();
    },
  });
}
console.log(`BOXES READY ${running.length}`);
process.on('SIGTERM', () => {
  void Promise.all(running.map((box) => box.stop())).then(() => process.exit(0));
});
