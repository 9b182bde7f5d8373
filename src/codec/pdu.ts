import { CodecError } from './errors.js';
import { hexToBytes } from './hex.js';
import { decodeDeliver, type SmsDeliver } from './sms-deliver.js';
import { decodeStatusReport, type SmsStatusReport } from './sms-status-report.js';
import { decodeSubmit, type SmsSubmit } from './sms-submit.js';

export type AnySms = SmsDeliver | SmsSubmit | SmsStatusReport;

export interface PduOptions {
  /**
   * False for a bare TPDU, printed without the SMSC octet (a test suite's vector, a tool's output).
   * AT+CMGR/AT+CMGL output is told apart by its header's length instead (tidyPdu).
   */
  smsc?: boolean;
}

/**
 * Decodes any SMS PDU as modems print it (SMSC prefix first), dispatching on TP-MTI. What a SIM
 * holds can be any of the three: received messages, status reports, and our own stored submits.
 */
export function decodePdu(pduHex: string, options: PduOptions = {}): AnySms {
  const hex = options.smsc === false ? `00${pduHex}` : pduHex;
  const bytes = hexToBytes(hex);
  const smscLength = bytes[0];
  if (smscLength === undefined) throw new CodecError('empty PDU');
  const first = bytes[1 + smscLength];
  if (first === undefined) throw new CodecError('PDU truncated before the first octet');
  switch (first & 0x03) {
    case 0x00:
      return decodeDeliver(hex);
    case 0x01:
      return decodeSubmit(hex);
    case 0x02:
      return decodeStatusReport(hex);
    default:
      throw new CodecError('reserved message type 3');
  }
}
