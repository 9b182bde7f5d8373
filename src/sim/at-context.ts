import type { Cscs } from '../codec/ussd-text.js';
import type { Faults } from './faults.js';
import type { ModemProfile } from './modem-profile.js';

/** What a command answers: information lines and a final result, or null when it answers later (the `> ` prompt). */
export type Reply = { lines: string[]; final: string } | null;

/** Volatile settings, lost on power-up or ATZ as on a real modem. */
export interface ModemSettings {
  echo: boolean;
  cmee: number;
  cmgf: number;
  cscs: Cscs;
  cnmi: number[];
  copsFormat: number;
  creg: number;
  /** Caller ID after each RING (AT+CLIP=1). */
  clip: number;
  /** The memory AT+CMGR/CMGL/CMGD work on (AT+CPMS's first). */
  readMemory: 'SM' | 'SR';
  /** AT+CSMS service: 1 makes each +CDS wait for AT+CNMA. */
  csms: number;
}

export const POWER_ON: ModemSettings = { echo: true, cmee: 0, cmgf: 0, cscs: 'IRA', cnmi: [0, 0, 0, 0, 0], copsFormat: 0, creg: 0, clip: 0, readMemory: 'SM', csms: 0 };

export function ok(...lines: string[]): Reply {
  return { lines, final: 'OK' };
}

/**
 * What a family of commands (calls, status reports, SMS storage, USSD) needs from the interpreter
 * that delegates to it: the live settings (replaced on ATZ, so read each time), the model, the
 * faults in force, unsolicited output, and errors worded as AT+CMEE says.
 */
export interface AtContext {
  readonly settings: ModemSettings;
  readonly profile: ModemProfile;
  readonly faults: Faults;
  urc(...lines: string[]): void;
  cmeError(code: number): Reply;
  cmsError(code: number): Reply;
}

/** A numeric setting (AT+CMEE=, AT+CLIP=, …): out of its range is +CME ERROR 4, as on a real modem. */
export function setNumber(context: AtContext, key: 'cmee' | 'cmgf' | 'copsFormat' | 'creg' | 'clip', value: number, max: number): Reply {
  if (value > max) return context.cmeError(4);
  context.settings[key] = value;
  return ok();
}
