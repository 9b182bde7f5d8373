import net from 'node:net';
import path from 'node:path';
import { tokenFromEnvironment } from '../daemon/data-files.js';
import { readOrCreateSecret } from '../util/private-files.js';
import { buildHttpServer, parseListen } from '../http/server.js';
import { createLogger } from '../log/logger.js';
import { DIALECTS } from '../sim/dialects.js';
import { WORDINGS } from '../sim/wordings.js';
import { Simulator } from '../sim/simulator.js';
import { FAULT_NAMES } from '../sim/faults.js';

export interface SimulateFlags {
  listen?: string;
  stdio?: boolean;
  state?: string;
  http?: string;
  dialect?: string;
  wording?: string;
  ussdDelay?: string;
  vouchers?: string;
  baud?: string;
  storage?: string;
  fault?: string[];
}

/**
 * The simulated modem as its own process, like a real modem that outlives the daemon: over TCP
 * (`--listen`) or stdin/stdout (`--stdio`; socat turns either into a pty). Carrier state is kept in
 * its own file so it survives restarts of either side.
 */
export async function simulateCommand(flags: SimulateFlags): Promise<void> {
  if (!flags.listen && !flags.stdio) throw new Error('choose --listen HOST:PORT or --stdio');
  const dialect = flags.dialect ?? 'vivacom';
  if (!DIALECTS[dialect]) throw new Error(`--dialect must be one of ${Object.keys(DIALECTS).join(', ')}`);
  if (flags.wording && !WORDINGS[flags.wording]) throw new Error(`--wording must be one of ${Object.keys(WORDINGS).join(', ')}`);
  // With --stdio, stdout is the modem's line: every human-readable word goes to stderr.
  const logger = createLogger({ level: 'info', destination: process.stderr });
  const stateFile = flags.state ?? path.join('data', 'simulator-modem.json');
  const simulator = new Simulator({
    stateFile,
    dialect: dialect as keyof typeof DIALECTS,
    ...(flags.wording ? { wording: flags.wording as keyof typeof WORDINGS } : {}),
    timing: { ussdDelayMs: flags.ussdDelay === undefined ? 1200 : Number(flags.ussdDelay) },
    ...(flags.vouchers ? { vouchers: Number(flags.vouchers) } : {}),
    ...(flags.baud ? { baud: Number(flags.baud) } : {}),
    ...(flags.storage ? { storageCapacity: Number(flags.storage) } : {}),
  });

  const published = simulator.published();
  logger.info(published, 'the simulated carrier publishes its codes: set them in the daemon\'s config (carrier.rechargeUssd, carrier.codeLengths, credit.balanceUssd)');

  for (const fault of flags.fault ?? []) {
    if (!simulator.fault(fault, true)) throw new Error(`unknown fault "${fault}": ${FAULT_NAMES.join(', ')}`);
  }

  if (flags.stdio) {
    const line = simulator.connect();
    process.stdin.pipe(line);
    line.pipe(process.stdout);
  }
  let server: net.Server | undefined;
  if (flags.listen) {
    const { host, port } = parseListen(flags.listen);
    server = net.createServer((socket) => {
      socket.setNoDelay(true);
      const line = simulator.connect();
      socket.pipe(line);
      line.pipe(socket);
      socket.on('error', () => line.destroy());
      socket.on('close', () => line.destroy());
      line.on('close', () => socket.destroy());
      logger.info({ peer: socket.remoteAddress }, 'modem line opened');
    });
    await new Promise<void>((resolve, reject) => server!.once('error', reject).listen(port, host, resolve));
    const address = server.address() as net.AddressInfo;
    logger.info({ listen: `${address.address}:${address.port}` }, 'simulated modem listening');
    process.stderr.write(`SIMULATOR LISTENING tcp://${address.address}:${address.port}\n`);
  }
  if (flags.http) {
    const token = tokenFromEnvironment() ?? readOrCreateSecret(path.dirname(stateFile), 'simulator-http-token').value;
    const app = buildHttpServer({ token, logger, health: () => ({ status: 'ok', simulator: true }), sim: simulator });
    const { host, port } = parseListen(flags.http);
    const address = await app.listen({ host, port });
    process.stderr.write(`SIMULATOR HTTP ${address} token ${token}\n`);
  }
  const stop = () => {
    server?.close();
    simulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // On --stdio the line is the process's stdin: when it closes (socat, or whoever held it, is
  // gone), nobody can reach the modem any more.
  if (flags.stdio) process.stdin.once('end', stop);
}
