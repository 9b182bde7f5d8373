/**
 * What the box hands each line it owns: the line's config and link, the shared store, carriers and
 * settings, its timings, and the hooks through which the line reports back. Apart from the line
 * itself, so the parts of a line (bring-up, messages) can name what they take from it.
 */
import type { CarrierRegistry } from '../carriers/loader.js';
import type { LineConfig } from '../config/lines.js';
import type { Config } from '../config/schema.js';
import type { TopUpReason } from '../control/texts.js';
import type { PortLock } from '../daemon/port-lock.js';
import type { RuntimeSettings } from '../daemon/settings.js';
import type { BoxEvents } from '../events/box-events.js';
import type { Logger } from '../log/logger.js';
import type { IncomingCall, ModemTimeouts } from '../modem/modem.js';
import type { RechargeResult } from '../recharge/result.js';
import type { RechargeRequest } from '../recharge/service.js';
import type { TopUpNotice } from '../scheduler/credit-check.js';
import type { CommandRow } from '../store/commands.js';
import type { Store } from '../store/store.js';
import type { ModemLink } from '../transport/open-port.js';
import type { Line } from './line.js';

export interface LineTiming {
  timeouts?: ModemTimeouts;
  keepAliveMs: number;
  restartWaitMs: number;
  reopenWaitMs: number;
  outboxBaseDelayMs: number;
  /** The first wait of a parked line before it is tried again (it doubles up to an hour). */
  parkFirstMs?: number;
}

export interface LineDeps {
  config: LineConfig;
  box: Config;
  link: ModemLink;
  /** The UUCP lock of the line's serial port, when it has one (it follows a replug). */
  portLock: PortLock | null;
  store: Store;
  secret: string;
  carriers: CarrierRegistry;
  settings: RuntimeSettings;
  events: BoxEvents;
  timing: LineTiming;
  startedAt: number;
  logger: Logger;
  /** With several lines, what the Notify group hears names the line. */
  namedNotices: boolean;
  /** A command an SMS to this line made: the box runs it. */
  onCommand(row: CommandRow): void;
  /** A recharge on this line ended (the box counts it and tells its listeners). */
  onRecharge(request: RechargeRequest, result: RechargeResult | 'error'): void;
  /** The line changed state (the box runs its waiting commands once it is up). */
  onState(line: Line): void;
  /** Every rung of the recovery ladder failed (the box parks the line, or exits when none is left). */
  onGaveUp(line: Line): void;
  /** Wallet cards this line's SIM could take now. */
  walletReady(line: Line): number;
  /** The wallet's automatic top-up for this line; absent when it is off. */
  topUp?: (line: Line, reason: TopUpReason) => Promise<TopUpNotice | null>;
  /** The recharge dialogue: told of the line's calls, and offered its SMS before they are commands. */
  dialogue?: {
    call(line: Line, call: IncomingCall): void;
    offer(line: Line, row: CommandRow, text: string): boolean;
  };
}
