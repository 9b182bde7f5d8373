import { BUILTIN_CARRIERS_DIR, loadCarriers } from '../carriers/loader.js';
import { diagnose, type Check } from '../daemon/doctor.js';
import { silentLogger } from '../log/logger.js';
import { Modem } from '../modem/modem.js';
import { describeLink, lineOf } from '../transport/open-port.js';
import { configFromFlags, lineSetups, type RunFlags } from './run.js';

const MARK: Record<Check['outcome'], string> = { ok: '✓', warn: '!', fail: '✗', skip: '-' };

/**
 * `gsmkeeper doctor`: each line's modem, SIM, carrier, network, storage and USSD, checked one by
 * one, with what to do about each problem. Run it instead of the daemon (a serial port has one
 * owner). Exit code 0 when nothing failed, 1 otherwise.
 */
export async function doctorCommand(flags: Pick<RunFlags, 'port' | 'baud' | 'config' | 'dataDir'> & { ussd?: boolean }): Promise<void> {
  const config = configFromFlags(flags);
  // Simulated lines answer quickly here, and keep no state of their own.
  const { setups, simulators } = await lineSetups({ ...config, simulator: { ussdDelayMs: 200 } }, false);
  const carriers = loadCarriers([BUILTIN_CARRIERS_DIR, ...(config.carriersDir ? [config.carriersDir] : [])]);
  let failed = 0;
  for (const { config: line, link } of setups) {
    const baud = link.kind === 'port' && link.spec.kind === 'serial' ? ` at ${line.baud} baud` : '';
    console.log(`gsmkeeper doctor — ${setups.length > 1 ? `line ${line.name}: ` : ''}${link.kind === 'duplex' ? 'the built-in simulated modem' : describeLink(link)}${baud}`);
    let checks: Check[];
    let modem: Modem | null = null;
    try {
      modem = await Modem.open(lineOf(link), { ussdEncoding: line.ussdEncoding, deliveryReports: config.sms.deliveryReports, logger: silentLogger() });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      checks = [{ name: 'port', outcome: 'fail', detail: `cannot open it: ${message}`, advice: 'is the path right (ls -l /dev/serial/by-id/), is the user in the dialout group, is a daemon holding it?' }];
    }
    if (modem) {
      try {
        checks = [{ name: 'port', outcome: 'ok', detail: 'opened' }, ...(await diagnose({
          modem,
          carriers,
          ussdEncoding: line.ussdEncoding,
          balanceUssd: line.balanceUssd,
          carrierOverrides: line.carrier,
          probeUssd: flags.ussd ?? false,
          deliveryReports: config.sms.deliveryReports,
        }))];
      } finally {
        await modem.close();
      }
    }
    for (const check of checks!) {
      console.log(`  ${MARK[check.outcome]} ${check.name.padEnd(12)} ${check.detail}`);
      if (check.advice) console.log(`    ${' '.repeat(12)} → ${check.advice}`);
    }
    failed += checks!.filter((c) => c.outcome === 'fail').length;
  }
  for (const simulator of simulators.values()) simulator.close();
  console.log(failed ? `${failed} problem(s) to fix before the box can be trusted.` : 'Ready.');
  process.exitCode = failed ? 1 : 0;
}
