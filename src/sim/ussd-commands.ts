import { decodeUssdText } from '../codec/ussd-text.js';
import { ok, type AtContext, type Reply } from './at-context.js';
import type { SimCarrier } from './carrier.js';
import { printUssdAnswer } from './ussd-output.js';

/**
 * AT+CUSD: OK at once, the carrier's answer later as a +CUSD URC (or before the OK, for modems
 * that do that); AT+CUSD=2 ends the session.
 */
export function ussdCommand(context: AtContext, carrier: SimCarrier, ussdDelayMs: number, body: string): Reply {
  const m = /^\+CUSD=(\d)(?:,"([^"]*)"(?:,(\d+))?)?$/i.exec(body);
  if (!m) return body.toUpperCase() === '+CUSD?' ? ok('+CUSD: 1') : context.cmeError(4);
  if (m[1] === '2' || m[2] === undefined) {
    carrier.endSession();
    return ok();
  }
  const { cscs } = context.settings;
  const code = decodeUssdText(m[2], m[3] === undefined ? 15 : Number(m[3]), { cscs });
  const answer = () => {
    const result = carrier.handleUssd(code);
    if (result.text === null) return context.urc(`+CUSD: ${result.m}`);
    const { printed, dcs } = printUssdAnswer(result.text, context.settings.cscs);
    context.urc(`+CUSD: ${result.m},"${printed}",${dcs}`);
  };
  // Some modems put the +CUSD answer before their OK.
  if (context.faults.has('cusd-before-ok')) answer();
  else setTimeout(answer, ussdDelayMs);
  return ok();
}
