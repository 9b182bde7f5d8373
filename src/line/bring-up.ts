import { CarrierProfile } from '../carriers/profile.js';
import { Modem } from '../modem/modem.js';
import { lineOf } from '../transport/open-port.js';
import type { LineDeps } from './line.js';

/** A line's modem, opened on its link (following its port lock through a replug) with the line's settings. */
export function openLineModem(deps: Pick<LineDeps, 'link' | 'portLock' | 'config' | 'timing' | 'box' | 'logger'>): Promise<Modem> {
  const { config, timing } = deps;
  return Modem.open(lineOf(deps.link, () => deps.portLock?.follow()), {
    ussdEncoding: config.ussdEncoding,
    reopenWaitMs: timing.reopenWaitMs,
    deliveryReports: deps.box.sms.deliveryReports,
    logger: deps.logger.child({ line: config.name }),
    ...(timing.timeouts ? { timeouts: timing.timeouts } : {}),
  });
}

/** The carrier profile a line runs its SIM with: detected from the IMSI, with the line's confirmed facts in place. */
export function profileForLine(deps: Pick<LineDeps, 'carriers' | 'config'>, imsi: string): CarrierProfile {
  const { config } = deps;
  const profile = deps.carriers.forSim(imsi, { rechargeUssd: config.carrier.rechargeUssd, codeLengths: config.carrier.codeLengths, balanceUssd: config.balanceUssd });
  return config.currency ? new CarrierProfile({ ...profile.file, currency: config.currency }, profile.overridden) : profile;
}
