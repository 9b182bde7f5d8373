import type { AtEngine } from '../at/engine.js';
import type { Cscs } from '../codec/ussd-text.js';
import type { Logger } from '../log/logger.js';
import { ModemError } from './errors.js';
import { chooseCpms, chosenMemories, parseImsi } from './parsers.js';
import type { StatusReportRouting } from './status-reports.js';

export interface InitSteps {
  engine: AtEngine;
  /** Sets the character set and remembers it, so later sends skip setting it again. */
  setCscs(cscs: Cscs, force: boolean): Promise<void>;
  reports: StatusReportRouting;
  log: Logger;
}

/**
 * Brings the modem to a known state and returns the SIM's IMSI (for carrier detection). Echo off
 * (stray echo is tolerated anyway), numeric errors, PDU mode, the GSM character set, storage and
 * new-message indications chosen from what the modem says it supports.
 */
export async function initialise({ engine, setCscs, reports, log }: InitSteps): Promise<string> {
  await sync(engine);
  await engine.execute('ATE0');
  await engine.execute('AT+CMEE=1');
  await engine.execute('AT+CMGF=0');
  await setCscs('GSM', true);
  const cpms = await engine.execute('AT+CPMS=?', { expect: '+CPMS:' });
  await engine.execute(chooseCpms(cpms.lines.join(' ')), { expect: '+CPMS:' });
  const cnmi = await engine.execute('AT+CNMI=?', { expect: '+CNMI:' });
  await reports.choose(cnmi.lines.join(' '), cpms.lines.join(' '), chosenMemories(cpms.lines.join(' '))[0]);
  await engine.execute('AT+COPS=3,2').catch((err) => log.debug({ err: String(err) }, 'numeric operator format refused'));
  // Caller ID after every RING, so a call says who is calling (the recharge dialogue needs it).
  await engine.execute('AT+CLIP=1').catch((err) => log.debug({ err: String(err) }, 'caller ID refused'));
  const imsi = parseImsi((await engine.execute('AT+CIMI')).lines);
  if (!imsi) throw new ModemError('bad-answer', 'AT+CIMI gave no IMSI');
  return imsi;
}

/**
 * `AT` until OK: a modem that just powered up may swallow the first characters, and one whose
 * last owner died mid-SMS still sits at its `>` prompt, which ESC closes first.
 */
async function sync(engine: AtEngine): Promise<void> {
  engine.abortPrompt();
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await engine.execute('AT');
      return;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}
