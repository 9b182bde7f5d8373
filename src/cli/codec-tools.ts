import { CodecError } from '../codec/errors.js';
import { decodePdu } from '../codec/pdu.js';
import { encodeSubmit } from '../codec/sms-submit.js';
import { parseCusd } from '../codec/ussd.js';
import { decodeUssdText, type Cscs } from '../codec/ussd-text.js';
import { UsageError } from './usage-error.js';


function wrap<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof CodecError) throw new UsageError(err.message);
    throw err;
  }
}

/** `gsmkeeper pdu decode <hex>`: what a PDU from AT+CMGR/AT+CMGL says, as JSON. */
export function pduDecodeCommand(hex: string): void {
  const sms = wrap(() => decodePdu(hex.replace(/\s+/g, '')));
  if (sms.type === 'status-report') {
    console.log(JSON.stringify({ type: sms.type, smsc: sms.smsc, reference: sms.reference, recipient: sms.recipient, timestamp: sms.timestamp, discharged: sms.discharged, status: sms.status, delivery: sms.delivery }, null, 2));
    return;
  }
  const common = { type: sms.type, encoding: sms.encoding, concat: sms.concat, text: sms.text };
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

/** `gsmkeeper ussd decode '<+CUSD line>' [--cscs GSM|HEX|UCS2|IRA] [--packed]`. */
export function ussdDecodeCommand(line: string, options: { cscs?: string; packed?: boolean }): void {
  const cscs = (options.cscs ?? 'GSM').toUpperCase();
  if (!['GSM', 'IRA', 'HEX', 'UCS2'].includes(cscs)) throw new UsageError('--cscs must be GSM, IRA, HEX or UCS2');
  const parsed = wrap(() => parseCusd(line));
  const text = parsed.raw === null ? null : wrap(() => decodeUssdText(parsed.raw!, parsed.dcs, { cscs: cscs as Cscs, packed: options.packed ?? false }));
  console.log(JSON.stringify({ status: parsed.status, text, dcs: parsed.dcs }, null, 2));
}
