import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type DeepPartial } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { Daemon } from '../daemon/daemon.js';
import { resolveToken } from '../daemon/data-files.js';
import { createLogger } from '../log/logger.js';
import type { Simulator } from '../sim/simulator.js';
import { parsePortSpec } from '../transport/port-spec.js';
import type { ModemLink } from '../transport/open-port.js';

export interface RunFlags {
  port?: string;
  baud?: string;
  config?: string;
  dataDir?: string;
  http?: string;
  logLevel?: Config['log']['level'];
}

/** The config file: --config, else ./gsmkeeper.yml when present, else defaults only. */
function configFile(flag: string | undefined): string | null {
  if (flag) return flag;
  return fs.existsSync('gsmkeeper.yml') ? 'gsmkeeper.yml' : null;
}

export function configFromFlags(flags: RunFlags): Config {
  const overrides: DeepPartial<Config> = {};
  if (flags.port) overrides.modem = { port: flags.port };
  if (flags.baud) overrides.modem = { ...overrides.modem, baud: Number(flags.baud) };
  if (flags.dataDir) overrides.dataDir = flags.dataDir;
  if (flags.http !== undefined) overrides.http = { listen: flags.http };
  if (flags.logLevel) overrides.log = { level: flags.logLevel };
  return loadConfig(configFile(flags.config), overrides);
}

/**
 * What the simulated carrier publishes (its recharge code, card length, balance code), taken as
 * confirmed facts where the installer set none: the built-in demo then reads balances too.
 */
export function withPublishedFacts(config: Config, published: ReturnType<Simulator['published']>): Pick<Config, 'carrier' | 'credit'> {
  return {
    carrier: { rechargeUssd: config.carrier.rechargeUssd ?? published.rechargeUssd, codeLengths: config.carrier.codeLengths ?? published.codeLengths },
    credit: { ...config.credit, balanceUssd: config.credit.balanceUssd ?? published.balanceUssd },
  };
}

export async function runCommand(flags: RunFlags): Promise<void> {
  const config = configFromFlags(flags);
  const logger = createLogger({ level: config.log.level });
  let link: ModemLink;
  let simulator: Simulator | undefined;
  if (config.modem.port) {
    link = { kind: 'port', spec: parsePortSpec(config.modem.port), baudRate: config.modem.baud };
  } else {
    const { Simulator } = await import('../sim/simulator.js');
    simulator = new Simulator({ stateFile: path.join(config.dataDir, 'simulator.json'), timing: { ussdDelayMs: config.simulator.ussdDelayMs } });
    console.log('No modem configured (modem.port / --port): running on the built-in simulated modem (Vivacom, 284-03).');
    Object.assign(config, withPublishedFacts(config, simulator.published()));
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
