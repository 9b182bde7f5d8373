import { CodecError } from '../codec/errors.js';
import { decodePdu } from '../codec/pdu.js';
import { encodeSubmit } from '../codec/sms-submit.js';
import type { Cscs } from '../codec/ussd-text.js';
import { tidyPdu } from '../modem/parsers.js';
import { answerFromTranscript } from '../modem/ussd.js';
import { UsageError } from './usage-error.js';

/** A transcript pasted or piped in is a few kilobytes; more is not a modem's answer. */
const MAX_STDIN = 1024 * 1024;

function wrap<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof CodecError) throw new UsageError(err.message);
    throw err;
  }
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString('latin1');
    if (text.length > MAX_STDIN) throw new UsageError(`stdin holds more than ${MAX_STDIN} bytes: not a modem transcript`);
  }
  return text;
}

export interface PduDecodeOptions {
  /** False (`--no-smsc`): the hex is a bare TPDU without the SMSC octet. */
  smsc?: boolean;
  /** `--length <n>`: the length AT+CMGR/AT+CMGL printed before the PDU, read as the daemon reads it. */
  length?: string;
}

/** `gsmkeeper pdu decode <hex> [--no-smsc | --length <n>]`: what a PDU from AT+CMGR/AT+CMGL says, as JSON. */
export function pduDecodeCommand(hex: string, options: PduDecodeOptions = {}): void {
  const compact = hex.replace(/\s+/g, '');
  if (options.length !== undefined && !/^\d{1,3}$/.test(options.length)) throw new UsageError('--length must be the number of TPDU octets AT+CMGR printed');
  const pdu = options.length !== undefined ? tidyPdu(compact, Number(options.length)) : compact;
  const sms = wrap(() => decodePdu(pdu, { smsc: options.smsc ?? true }));
  if (sms.type === 'status-report') {
    console.log(JSON.stringify({ type: sms.type, smsc: sms.smsc, reference: sms.reference, recipient: sms.recipient, timestamp: sms.timestamp, discharged: sms.discharged, status: sms.status, delivery: sms.delivery, statusText: sms.statusText }, null, 2));
    return;
  }
  const common = { type: sms.type, encoding: sms.encoding, concat: sms.concat, text: sms.text, truncated: sms.truncated };
  if (sms.type === 'deliver') {
    console.log(JSON.stringify({ ...common, sender: sms.sender, timestamp: sms.timestamp, smsc: sms.smsc, class: sms.messageClass }, null, 2));
  } else {
    console.log(JSON.stringify({ ...common, to: sms.to }, null, 2));
  }
}

/** `gsmkeeper pdu encode --to <number> "<text>"`: each part's PDU and its AT+CMGS length. */
export function pduEncodeCommand(text: string, options: { to?: string; reference?: string }): void {
  if (!options.to) throw new UsageError('--to <number> is required');
  const parts = wrap(() => encodeSubmit(options.to!, text, { reference: options.reference ? Number(options.reference) : 0 }));
  console.log(JSON.stringify(parts.map((p, i) => ({ part: i + 1, cmgsLength: p.tpduLength, pdu: p.pdu })), null, 2));
}

/**
 * `gsmkeeper ussd decode ['<transcript>' | -] [--cscs GSM|HEX|UCS2|IRA] [--packed]`: the answer the
 * daemon would take from what the modem printed — one +CUSD line, or several lines (as one
 * argument, or on stdin when the argument is `-` or missing) with OK, other URCs and release notices.
 */
export async function ussdDecodeCommand(transcript: string | undefined, options: { cscs?: string; packed?: boolean }): Promise<void> {
  const cscs = (options.cscs ?? 'GSM').toUpperCase();
  if (!['GSM', 'IRA', 'HEX', 'UCS2'].includes(cscs)) throw new UsageError('--cscs must be GSM, IRA, HEX or UCS2');
  const text = transcript === undefined || transcript === '-' ? await readStdin() : transcript;
  const picker = answerFromTranscript(text, { cscs: cscs as Cscs, encoding: options.packed ? 'packed' : 'text' });
  const answer = picker.result;
  if (!answer) throw new UsageError(picker.unreadable ? `the +CUSD line cannot be read: ${picker.unreadable}` : 'not a +CUSD line, nor a transcript with one');
  console.log(JSON.stringify({ status: answer.status, text: answer.text, dcs: answer.dcs }, null, 2));
}
