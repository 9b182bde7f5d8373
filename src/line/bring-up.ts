/**
 * Bringing a line up, apart from the line's own bookkeeping: opening its modem on its link, choosing
 * its SIM's profile, and the session that runs over the modem while it is up.
 */
import { CarrierProfile } from '../carriers/profile.js';
import { eventTime } from '../events/box-events.js';
import { Modem } from '../modem/modem.js';
import { lineOf } from '../transport/open-port.js';
import type { LineDeps } from './deps.js';
import type { Line } from './line.js';
import type { LineMessages } from './messages.js';
import { LineSession } from './session.js';

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

/**
 * The session over a line's new modem: what its intake hears goes to the line's messages, what
 * became of its sends and their deliveries is told, and a supervisor out of rungs goes to the box.
 */
export function sessionOnModem(deps: LineDeps, line: Line, modem: Modem, messages: LineMessages): LineSession {
  const { config, timing, logger, events } = deps;
  return new LineSession({
    line: config, box: deps.box, modem, store: deps.store, countryCode: line.countryCode,
    keepAliveMs: timing.keepAliveMs, restartWaitMs: timing.restartWaitMs, outboxBaseDelayMs: timing.outboxBaseDelayMs, logger,
    onCommand: (row) => messages.received(line, row),
    onSendFate: (row, fate) => messages.sendFate(row, fate),
    onDelivery: (update) => events.publish('reply-delivery', { line: line.name, outboxId: update.outboxId, commandId: update.commandId, to: update.recipient, delivery: update.delivery, reason: update.reason, at: eventTime() }),
    onGaveUp: () => deps.onGaveUp(line),
  });
}
