import { BUILTIN_CARRIERS_DIR, loadCarriers } from '../carriers/loader.js';
import { diagnose, type Check } from '../daemon/doctor.js';
import { silentLogger } from '../log/logger.js';
import { Modem } from '../modem/modem.js';
import { parsePortSpec } from '../transport/port-spec.js';
import { describeLink, lineOf, type ModemLink } from '../transport/open-port.js';
import { configFromFlags, withPublishedFacts, type RunFlags } from './run.js';

const MARK: Record<Check['outcome'], string> = { ok: '✓', warn: '!', fail: '✗', skip: '-' };

/**
 * `gsmkeeper doctor`: the modem, SIM, carrier, network, storage and USSD, checked one by one, with
 * what to do about each problem. Run it instead of the daemon (a serial port has one owner).
 * Exit code 0 when nothing failed, 1 otherwise.
 */
export async function doctorCommand(flags: Pick<RunFlags, 'port' | 'baud' | 'config' | 'dataDir'> & { ussd?: boolean }): Promise<void> {
  const config = configFromFlags(flags);
  let link: ModemLink;
  let close = (): void => {};
  if (config.modem.port) {
    link = { kind: 'port', spec: parsePortSpec(config.modem.port), baudRate: config.modem.baud };
  } else {
    const { Simulator } = await import('../sim/simulator.js');
    const simulator = new Simulator({ timing: { ussdDelayMs: 200 } });
    close = () => simulator.close();
    Object.assign(config, withPublishedFacts(config, simulator.published()));
    link = { kind: 'duplex', name: 'the built-in simulated modem', connect: async () => simulator.connect() };
  }
  console.log(`gsmkeeper doctor — ${describeLink(link)}${link.kind === 'port' && config.modem.port && !config.modem.port.startsWith('tcp://') ? ` at ${config.modem.baud} baud` : ''}`);

  let checks: Check[];
  let modem: Modem | null = null;
  try {
    modem = await Modem.open(lineOf(link), { ussdEncoding: config.modem.ussdEncoding, logger: silentLogger() });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    checks = [{ name: 'port', outcome: 'fail', detail: `cannot open it: ${message}`, advice: 'is the path right (ls -l /dev/serial/by-id/), is the user in the dialout group, is a daemon holding it?' }];
  }
  if (modem) {
    try {
      checks = [{ name: 'port', outcome: 'ok', detail: 'opened' }, ...(await diagnose({
        modem,
        carriers: loadCarriers([BUILTIN_CARRIERS_DIR, ...(config.carriersDir ? [config.carriersDir] : [])]),
        ussdEncoding: config.modem.ussdEncoding,
        balanceUssd: config.credit.balanceUssd,
        carrierOverrides: config.carrier,
        probeUssd: flags.ussd ?? false,
      }))];
    } finally {
      await modem.close();
    }
  }
  close();

  for (const check of checks!) {
    console.log(`  ${MARK[check.outcome]} ${check.name.padEnd(12)} ${check.detail}`);
    if (check.advice) console.log(`    ${' '.repeat(12)} → ${check.advice}`);
  }
  const failed = checks!.filter((c) => c.outcome === 'fail').length;
  console.log(failed ? `${failed} problem(s) to fix before the box can be trusted.` : 'Ready.');
  process.exitCode = failed ? 1 : 0;
}
