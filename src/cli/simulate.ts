import net from 'node:net';
import path from 'node:path';
import { tokenFromEnvironment } from '../daemon/data-files.js';
import { readOrCreateSecret } from '../util/private-files.js';
import { buildHttpServer, parseListen } from '../http/server.js';
import { createLogger, type Logger } from '../log/logger.js';
import { DIALECTS } from '../sim/dialects.js';
import { WORDINGS } from '../sim/wordings.js';
import { SimulatedLines } from '../sim/lines.js';
import { Simulator } from '../sim/simulator.js';
import { FAULT_NAMES } from '../sim/faults.js';
import { UsageError } from './usage-error.js';

export interface SimulateFlags {
  listen?: string;
  stdio?: boolean;
  state?: string;
  http?: string;
  dialect?: string;
  lines?: string;
  wording?: string;
  ussdDelay?: string;
  vouchers?: string;
  baud?: string;
  storage?: string;
  fault?: string[];
}

/** The carriers of `count` lines: those named in turn, then the others round again. */
export function lineCarriers(named: string, count: number): string[] {
  const given = named.split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of given) if (!DIALECTS[name]) throw new UsageError(`--dialect must name carriers among ${Object.keys(DIALECTS).join(', ')}`);
  const all = Object.keys(DIALECTS);
  const rest = all.slice(all.indexOf(given[given.length - 1] ?? all[0]!) + 1).concat(all);
  return Array.from({ length: count }, (_, i) => given[i] ?? rest[(i - given.length) % rest.length]!);
}

/** Line n's state file: the one given for the first, numbered beside it for the others. */
export function lineStateFile(file: string, n: number): string {
  if (n === 1) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}-${n}${ext}`;
}

/** A line of the simulator on its own TCP port: each connection is the modem's line, the last one wins. */
async function listenOn(simulator: Simulator, host: string, port: number, logger: Logger): Promise<{ server: net.Server; address: string }> {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const line = simulator.connect();
    socket.pipe(line);
    line.pipe(socket);
    socket.on('error', () => line.destroy());
    socket.on('close', () => line.destroy());
    line.on('close', () => socket.destroy());
    logger.info({ peer: socket.remoteAddress }, 'modem line opened');
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const bound = server.address() as net.AddressInfo;
  return { server, address: `${bound.address}:${bound.port}` };
}

/**
 * The simulated modem as its own process, like a real modem that outlives the daemon: over TCP
 * (`--listen`) or stdin/stdout (`--stdio`; scripts/pty-relay.py turns it into a pty). With
 * `--lines N`, N modems, each with its own SIM and carrier, on consecutive TCP ports. Carrier state
 * is kept in files of its own, so it survives restarts of either side.
 */
export async function simulateCommand(flags: SimulateFlags): Promise<void> {
  if (!flags.listen && !flags.stdio) throw new Error('choose --listen HOST:PORT or --stdio');
  const count = Number(flags.lines ?? 1);
  if (!Number.isInteger(count) || count < 1 || count > 8) throw new UsageError('--lines is a number of modems from 1 to 8');
  if (count > 1 && flags.stdio) throw new UsageError('--stdio carries one modem line: run one simulator per pseudo-terminal, or use --listen with --lines');
  const carriers = lineCarriers(flags.dialect ?? 'vivacom', count);
  if (flags.wording && !WORDINGS[flags.wording]) throw new Error(`--wording must be one of ${Object.keys(WORDINGS).join(', ')}`);
  // With --stdio, stdout is the modem's line: every human-readable word goes to stderr.
  const logger = createLogger({ level: 'info', destination: process.stderr });
  const stateFile = flags.state ?? path.join('data', 'simulator-modem.json');
  const simulators = new Map<string, Simulator>();
  const subscribers = new Map<string, number>();
  carriers.forEach((carrier, i) => {
    const subscriber = (subscribers.get(carrier) ?? 0) + 1;
    subscribers.set(carrier, subscriber);
    simulators.set(`line${i + 1}`, new Simulator({
      stateFile: lineStateFile(stateFile, i + 1),
      dialect: carrier as keyof typeof DIALECTS,
      subscriber,
      ...(flags.wording ? { wording: flags.wording as keyof typeof WORDINGS } : {}),
      timing: { ussdDelayMs: flags.ussdDelay === undefined ? 1200 : Number(flags.ussdDelay) },
      ...(flags.vouchers ? { vouchers: Number(flags.vouchers) } : {}),
      ...(flags.baud ? { baud: Number(flags.baud) } : {}),
      ...(flags.storage ? { storageCapacity: Number(flags.storage) } : {}),
    }));
  });
  const lines = new SimulatedLines(simulators);

  for (const [name, simulator] of simulators) {
    logger.info({ line: name, ...simulator.sim, ...simulator.published() }, "the simulated carrier publishes its codes: set them in the daemon's config (carrier.rechargeUssd, carrier.codeLengths, credit.balanceUssd, or each line's)");
    for (const fault of flags.fault ?? []) {
      if (!simulator.fault(fault, true)) throw new Error(`unknown fault "${fault}": ${FAULT_NAMES.join(', ')}`);
    }
  }

  const first = simulators.get('line1')!;
  if (flags.stdio) {
    const line = first.connect();
    process.stdin.pipe(line);
    line.pipe(process.stdout);
  }
  const servers: net.Server[] = [];
  if (flags.listen) {
    const { host, port } = parseListen(flags.listen);
    let n = 0;
    for (const [name, simulator] of simulators) {
      // Consecutive ports from the one given; with port 0, each one the system picks.
      const { server, address } = await listenOn(simulator, host, port === 0 ? 0 : port + n, logger);
      servers.push(server);
      n += 1;
      logger.info({ line: name, listen: address }, 'simulated modem listening');
      process.stderr.write(`SIMULATOR LISTENING tcp://${address}${count > 1 ? ` ${name} ${simulator.sim.carrier} ${simulator.sim.msisdn}` : ''}\n`);
    }
  }
  if (flags.http) {
    const token = tokenFromEnvironment() ?? readOrCreateSecret(path.dirname(stateFile), 'simulator-http-token').value;
    const app = buildHttpServer({ token, logger, health: () => ({ status: 'ok', simulator: true, lines: count }), sim: count > 1 ? lines : first });
    const { host, port } = parseListen(flags.http);
    const address = await app.listen({ host, port });
    process.stderr.write(`SIMULATOR HTTP ${address} token ${token}\n`);
  }
  const stop = () => {
    for (const server of servers) server.close();
    lines.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // On --stdio the line is the process's stdin: when it closes (the pty relay, or whoever held it,
  // is gone), nobody can reach the modem any more.
  if (flags.stdio) process.stdin.once('end', stop);
}
