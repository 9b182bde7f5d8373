import path from 'node:path';
import { linesOf } from '../../src/config/lines.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { createLogger } from '../../src/log/logger.js';
import { Simulator } from '../../src/sim/simulator.js';
import { TOKEN } from '../../test/helpers/daemon.js';
import { tmpDir } from '../../test/helpers/tmp.js';

/** The daemon and the simulator in one process, quiet logs, limits opened up for load. */
export async function inProcessDaemon(options: { vouchers?: number; http?: boolean } = {}): Promise<{ daemon: Daemon; simulator: Simulator; stop(): Promise<void> }> {
  const dataDir = tmpDir('gsmkeeper-bench-');
  const simulator = new Simulator({ stateFile: null, timing: { ussdDelayMs: 0 }, vouchers: options.vouchers ?? 10, storageCapacity: 50 });
  const config: Config = {
    ...DEFAULT_CONFIG,
    dataDir,
    http: { ...DEFAULT_CONFIG.http, listen: options.http ? '127.0.0.1:0' : '', token: null },
    sms: { ...DEFAULT_CONFIG.sms, dailyCap: 1_000_000, nonGroupRepliesPerHour: 1_000_000 },
    security: { ...DEFAULT_CONFIG.security, maxWrongPasswords: 1_000_000 },
    log: { level: 'warn' },
  };
  const daemon = new Daemon({
    config,
    logger: createLogger({ level: 'warn', destination: process.stderr }),
    lines: linesOf(config).map((line) => ({ config: line, link: { kind: 'duplex', name: 'simulator', connect: async () => simulator.connect() } })),
    token: TOKEN,
    sim: simulator,
  });
  await daemon.start();
  void path;
  return {
    daemon,
    simulator,
    stop: async () => {
      await daemon.stop();
      simulator.close();
    },
  };
}
