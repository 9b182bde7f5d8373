import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { Daemon } from '../daemon/daemon.js';
import { DataDirBusyError, DataDirLock } from '../store/data-dir-lock.js';
import { resolveToken } from '../daemon/data-files.js';
import { createLogger } from '../log/logger.js';
import type { Simulator } from '../sim/simulator.js';
import { parsePortSpec } from '../transport/port-spec.js';
import type { ModemLink } from '../transport/open-port.js';
import { UsageError } from './usage-error.js';

export interface RunFlags {
  port?: string;
  baud?: string;
  config?: string;
  dataDir?: string;
  http?: string;
  logLevel?: Config['log']['level'];
}

/** The config file: --config, else ./gsmkeeper.yml when present, else defaults only. */
export function configFile(flag: string | undefined): string | null {
  if (flag) return flag;
  return fs.existsSync('gsmkeeper.yml') ? 'gsmkeeper.yml' : null;
}

/** The option each config key can come from, so a bad value names the flag that gave it. */
const FLAG_NAMES = { 'modem.port': '--port', 'modem.baud': '--baud', dataDir: '--data-dir', 'http.listen': '--http', 'log.level': '--log-level' };

export function configFromFlags(flags: RunFlags): Config {
  const overrides: { modem?: { port?: string; baud?: number | string }; dataDir?: string; http?: { listen: string }; log?: { level: string } } = {};
  if (flags.port) overrides.modem = { port: flags.port };
  // Not a number stays the text given, so the error shows it ("fast") rather than NaN.
  if (flags.baud) overrides.modem = { ...overrides.modem, baud: /^[0-9]+$/.test(flags.baud) ? Number(flags.baud) : flags.baud };
  if (flags.dataDir) overrides.dataDir = flags.dataDir;
  if (flags.http !== undefined) overrides.http = { listen: flags.http };
  if (flags.logLevel) overrides.log = { level: flags.logLevel };
  return loadConfig(configFile(flags.config), overrides, FLAG_NAMES);
}

/** The data dir for this process alone (a daemon, a restore), or a clear refusal. */
export function holdDataDir(dir: string): DataDirLock {
  try {
    return DataDirLock.acquire(dir);
  } catch (err) {
    if (err instanceof DataDirBusyError) throw new UsageError(`${err.message}: stop it first`);
    throw err;
  }
}

/** A data dir that is not there yet is made, and the owner told (a mistyped path shows up here). */
export function prepareDataDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  console.error(`gsmkeeper: data dir ${dir} does not exist: creating it`);
  fs.mkdirSync(dir, { recursive: true });
}

export async function runCommand(flags: RunFlags): Promise<void> {
  const config = configFromFlags(flags);
  prepareDataDir(config.dataDir);
  const lock = holdDataDir(config.dataDir);
  const logger = createLogger({ level: config.log.level });
  let link: ModemLink;
  let simulator: Simulator | undefined;
  if (config.modem.port) {
    link = { kind: 'port', spec: parsePortSpec(config.modem.port), baudRate: config.modem.baud };
  } else {
    const { Simulator } = await import('../sim/simulator.js');
    simulator = new Simulator({ stateFile: path.join(config.dataDir, 'simulator.json'), timing: { ussdDelayMs: config.simulator.ussdDelayMs } });
    console.log('No modem configured (modem.port / --port): running on the built-in simulated modem (Vivacom, 284-03).');
    link = { kind: 'duplex', name: 'simulator', connect: async () => simulator!.connect() };
  }
  const { token, source, file } = resolveToken(config.dataDir, config.http.token);
  const daemon = new Daemon({ config, logger, link, token, ...(simulator ? { sim: simulator } : {}) });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await daemon.stop();
    simulator?.close();
    lock.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await daemon.start();
  printBanner(daemon, token, source, file, simulator);
}

function printBanner(daemon: Daemon, token: string, source: string, file: string | undefined, simulator: Simulator | undefined): void {
  if (!daemon.httpAddress) return;
  const base = daemon.httpAddress;
  // A password of the owner's own is never printed: the examples then show where it goes.
  const password = daemon.usesFactoryPassword ? '123456' : '<password>';
  const auth = `-H 'Authorization: Bearer ${token}'`;
  const lines = [
    '',
    `HTTP relay: ${base}/api/v1/commands`,
    `Web panel:  ${base}/ (it asks for the token)`,
    `Access token (${source === 'data-dir' ? `generated, kept in ${file}` : `from ${source}`}): ${token}`,
    'Try it:',
    `  curl -s ${auth} -H 'Content-Type: application/json' -d '{"text":"*${password} STAT?"}' ${base}/api/v1/commands`,
  ];
  if (simulator) {
    // The voucher is looked up when the line runs, so no code is ever printed here.
    const pin = `$(curl -s ${auth} ${base}/api/v1/sim/vouchers | grep -o '"pin":"[0-9]*"' | head -1 | cut -d'"' -f4)`;
    lines.push(`  curl -s ${auth} -H 'Content-Type: application/json' -d "{\\"text\\":\\"*${password} CREDIT ${pin}\\"}" ${base}/api/v1/commands`);
  }
  console.log(lines.join('\n') + '\n');
}
