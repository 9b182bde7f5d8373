import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { Daemon, type LineSetup } from '../daemon/daemon.js';
import { DEMO_LINES, linesOf, MAIN_LINE, type LineConfig } from '../config/lines.js';
import { SimulatedLines } from '../sim/lines.js';
import { connectSystemd } from '../daemon/systemd.js';
import { resolveToken, tokenFromEnvironment, type ResolvedToken } from '../daemon/data-files.js';
import { DataDirInUseError, InstanceLock } from '../daemon/instance-lock.js';
import { createLogger } from '../log/logger.js';
import { PRIVATE_DIR_MODE } from '../util/private-files.js';
import type { Simulator } from '../sim/simulator.js';
import { parsePortSpec } from '../transport/port-spec.js';
import { UsageError } from './usage-error.js';

export interface RunFlags {
  port?: string;
  baud?: string;
  config?: string;
  dataDir?: string;
  http?: string;
  logLevel?: Config['log']['level'];
  mqtt?: string;
}

/** The config file: --config, else GSMKEEPER_CONFIG, else ./gsmkeeper.yml when present, else defaults only. */
export function configFile(flag: string | undefined): string | null {
  if (flag) return flag;
  if (process.env.GSMKEEPER_CONFIG) return process.env.GSMKEEPER_CONFIG;
  return fs.existsSync('gsmkeeper.yml') ? 'gsmkeeper.yml' : null;
}

/** The option each config key can come from, so a bad value names the flag that gave it. */
const FLAG_NAMES = { 'modem.port': '--port', 'modem.baud': '--baud', dataDir: '--data-dir', 'http.listen': '--http', 'log.level': '--log-level', 'mqtt.url': '--mqtt' };

export function configFromFlags(flags: RunFlags): Config {
  const overrides: { modem?: { port?: string; baud?: number | string }; dataDir?: string; http?: { listen: string }; log?: { level: string }; mqtt?: { url: string } } = {};
  if (flags.port) overrides.modem = { port: flags.port };
  // Not a number stays the text given, so the error shows it ("fast") rather than NaN.
  if (flags.baud) overrides.modem = { ...overrides.modem, baud: /^[0-9]+$/.test(flags.baud) ? Number(flags.baud) : flags.baud };
  if (flags.dataDir) overrides.dataDir = flags.dataDir;
  if (flags.http !== undefined) overrides.http = { listen: flags.http };
  if (flags.logLevel) overrides.log = { level: flags.logLevel };
  if (flags.mqtt) overrides.mqtt = { url: flags.mqtt };
  return loadConfig(configFile(flags.config), overrides, FLAG_NAMES);
}

/** The data dir for this process alone (a daemon, a restore), or a clear refusal. */
export function holdDataDir(dir: string, modem: string | null): InstanceLock {
  try {
    return InstanceLock.acquire(dir, { modem });
  } catch (err) {
    if (err instanceof DataDirInUseError) throw new UsageError(err.message);
    throw err;
  }
}

/** A data dir that is not there yet is made, and the owner told (a mistyped path shows up here). */
export function prepareDataDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  console.error(`gsmkeeper: data dir ${dir} does not exist: creating it`);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * What a simulated carrier publishes (its recharge code, card length, balance code), taken as
 * confirmed facts where the installer set none: a line on the built-in simulator then reads
 * balances too.
 */
export function withPublishedFacts(line: LineConfig, published: ReturnType<Simulator['published']>): LineConfig {
  return {
    ...line,
    carrier: { rechargeUssd: line.carrier.rechargeUssd ?? published.rechargeUssd, codeLengths: line.carrier.codeLengths ?? published.codeLengths },
    balanceUssd: line.balanceUssd ?? published.balanceUssd,
  };
}

/** A line's simulator keeps its state in the data dir: main's where the one simulator always did, others beside it. */
export function simulatorStateFile(dataDir: string, line: string): string {
  return path.join(dataDir, line === MAIN_LINE ? 'simulator.json' : `simulator-${line}.json`);
}

/**
 * Each line with the link to its modem: its port, or for a line with none a simulated modem of its
 * own (each simulated SIM a subscriber of its carrier of its own), whose published facts it takes.
 * `keepState`: the simulators keep their carriers' state in the data dir (the daemon's do).
 */
export async function lineSetups(config: Config, keepState = true): Promise<{ setups: LineSetup[]; simulators: Map<string, Simulator> }> {
  const simulators = new Map<string, Simulator>();
  const subscribers = new Map<string, number>();
  const setups: LineSetup[] = [];
  for (const line of linesOf(config)) {
    if (line.port) {
      setups.push({ config: line, link: { kind: 'port', spec: parsePortSpec(line.port), baudRate: line.baud } });
      continue;
    }
    const { Simulator } = await import('../sim/simulator.js');
    const carrier = line.simulated ?? 'vivacom';
    const subscriber = (subscribers.get(carrier) ?? 0) + 1;
    subscribers.set(carrier, subscriber);
    const simulator = new Simulator({ stateFile: keepState ? simulatorStateFile(config.dataDir, line.name) : null, dialect: carrier, subscriber, timing: { ussdDelayMs: config.simulator.ussdDelayMs } });
    simulators.set(line.name, simulator);
    setups.push({ config: withPublishedFacts(line, simulator.published()), link: { kind: 'duplex', name: `simulator ${line.name}`, connect: async () => simulator.connect() } });
  }
  return { setups, simulators };
}

export async function runCommand(flags: RunFlags): Promise<void> {
  const config = configFromFlags(flags);
  if (config.fleet.console && !config.mqtt.url) throw new UsageError('fleet.console needs the broker: mqtt.url in the config file, or --mqtt');
  // A bad GSMKEEPER_TOKEN is a configuration mistake like any other: refused before anything is made.
  tokenFromEnvironment();
  prepareDataDir(config.dataDir);
  // No modem configured at all: the demo, two simulated lines on two carriers.
  const demo = !config.lines && !config.modem.port;
  if (demo) config.lines = DEMO_LINES;
  const lines = linesOf(config);
  // Taken before anything touches the data dir (the built-in simulators keep their state there).
  const lock = holdDataDir(config.dataDir, lines.map((line) => line.port ?? `simulated ${line.name}`).join(', '));
  const resolved = resolveToken(config.dataDir, config.http.token);
  const logger = createLogger({ level: config.log.level });
  const { setups, simulators } = await lineSetups(config);
  const sim = simulators.size ? new SimulatedLines(simulators) : undefined;
  if (demo) console.log(`No modem configured (modem.port, --port or lines): running two simulated lines, ${sim!.lines().map((line) => `${line.line} (${line.carrier}, ${line.imsi.slice(0, 3)}-${line.imsi.slice(3, 5)})`).join(' and ')}.`);
  // The fleet page's source: connected before the relay starts, which serves the page only then.
  const fleet = config.fleet.console && config.mqtt.url ? await (await import('../mqtt/fleet.js')).openFleetConsole({ ...config.mqtt, url: config.mqtt.url }, logger) : null;
  const daemon = new Daemon({ config, logger, lines: setups, token: resolved.token, lock, ...(sim ? { sim } : {}), ...(fleet ? { fleet } : {}) });
  const systemd = await connectSystemd(config, logger);

  let mqtt: { stop(): Promise<void> } | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    systemd.stopping();
    // The bridge first: the commands it is running still need the daemon.
    await mqtt?.stop();
    await fleet?.close();
    await daemon.stop();
    sim?.close();
    lock.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await daemon.start();
  // Loaded only when a broker is configured: a box without MQTT never loads its client.
  if (config.mqtt.url) mqtt = await (await import('../daemon/mqtt-adapter.js')).startMqttBridge(daemon, config, logger);
  systemd.ready(daemon);
  printBanner(daemon, resolved, sim);
}

/**
 * Where the token comes from, and the shell line that puts it in $T for the examples. The banner
 * ends up in the journal under systemd, so the token itself is shown only once: when it was just
 * generated and a person is watching (stdout is a terminal).
 */
export function tokenLines({ token, source, file, generated }: ResolvedToken, toTerminal = process.stdout.isTTY === true): { said: string; assign: string } {
  if (source === 'environment') return { said: 'Access token: from GSMKEEPER_TOKEN', assign: 'T="$GSMKEEPER_TOKEN"' };
  if (source === 'config') return { said: 'Access token: http.token in the config file', assign: "T='<http.token from the config file>'" };
  const shown = generated && toTerminal ? `: ${token} (shown this once)` : '';
  return { said: `Access token: ${generated ? 'generated, ' : ''}kept in ${file}${shown}`, assign: `T=$(cat ${file})` };
}

function printBanner(daemon: Daemon, resolved: ResolvedToken, simulator: SimulatedLines | undefined): void {
  if (!daemon.httpAddress) return;
  const base = daemon.httpAddress;
  // A password of the owner's own is never printed: the examples then show where it goes.
  const password = daemon.usesFactoryPassword ? '123456' : '<password>';
  const auth = '-H "Authorization: Bearer $T"';
  const { said, assign } = tokenLines(resolved);
  const lines = [
    '',
    `HTTP relay: ${base}/api/v1/commands`,
    `Web panel:  ${base}/ (it asks for the token)`,
    `Lines:      ${daemon.lines.map((line) => `${line.name} (${line.state}${line.profile ? `, ${line.profile.name}` : ''})`).join(', ')}`,
    said,
    'Try it:',
    `  ${assign}`,
    `  curl -s ${auth} -H 'Content-Type: application/json' -d '{"text":"*${password} STAT?"}' ${base}/api/v1/commands`,
  ];
  if (simulator) {
    // The voucher is looked up when the line runs, so no code is ever printed here.
    const pin = `$(curl -s ${auth} ${base}/api/v1/sim/vouchers | grep -o '"pin":"[0-9]*"' | head -1 | cut -d'"' -f4)`;
    // The first line's vouchers, so the recharge names that line (a box of several has no default).
    const destination = daemon.lines.length > 1 ? `,\\"destination\\":\\"${daemon.lines[0]!.name}\\"` : '';
    lines.push(`  curl -s ${auth} -H 'Content-Type: application/json' -d "{\\"text\\":\\"*${password} CREDIT ${pin}\\"${destination}}" ${base}/api/v1/commands`);
  }
  console.log(lines.join('\n') + '\n');
}
