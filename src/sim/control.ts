import type { SeriesInput } from './cards.js';
import type { SimVoucher } from './state.js';

/** The simulated carrier's card issuing, as the box's relay serves it. */
export interface SimCards {
  /** The carrier's profile id, which the wallet names the cards' carrier by. */
  readonly id: string;
  generateSeries(input: SeriesInput): SimVoucher[];
  /** Every card issued, in the order it was, with its status as of today. */
  issued(): SimVoucher[];
}

/** The simulator as the box's relay and tests drive it (only present when the modem is simulated). */
export interface SimControl {
  sendSmsFromPhone(from: string, text: string): boolean;
  phoneMessages(number: string): Array<{ from: string; text: string; at: string }>;
  unusedVouchers(): Array<{ serial: string; pin: string; amountCents: number; currency: string; expiresOn: string }>;
  /** Switches a phone on or off (what is sent to a phone that is off waits at the service centre). */
  setPhoneReachable(number: string, on: boolean): void;
  stats(): { commands: number; bytesToModem: number; bytesToDte: number; storageUsed: number; queued: number; delivered: number };
  /** Switches a fault mode on or off, or runs an action (power-cycle, unplug, replug, sim-out, sim-in). */
  fault(name: string, on: boolean): boolean;
  activeFaults(): string[];
  /** A phone calls the line's SIM (it rings until the box hangs up); false when that line is busy or off the network. */
  callFromPhone?(from: string, options?: { withheld?: boolean }): boolean;
  /** The calls made to the simulated SIMs (one phone's, when a number is given): who, when, how many rings, and what the box did. */
  calls?(number?: string): Array<{ from: string | null; at: string; rings: number; outcome: string }>;
  /** The simulated carrier's card issuing. */
  carrier?: SimCards;
  /** With several simulated lines: one line's simulator, by the line's name. */
  forLine?(name: string): SimControl | undefined;
  /** With several simulated lines: each line's carrier, IMSI and SIM number. */
  lines?(): Array<{ line: string; carrier: string; imsi: string; msisdn: string }>;
}
