import { CodecError } from './errors.js';
import { bytesToHex, hexToBytes, OctetReader } from './hex.js';
import { readAddress, readSmsc, writeAddress, writeSmsc } from './address.js';
import { decodeScts, encodeScts } from './timestamp.js';

export type DeliveryStatus = 'delivered' | 'pending' | 'failed';

export interface SmsStatusReport {
  type: 'status-report';
  smsc: string | null;
  /** The TP-MR of the SMS this report is about (the `+CMGS: <mr>` we recorded). */
  reference: number;
  recipient: string;
  /** When the service centre received the SMS. */
  timestamp: string;
  /** When it was delivered, or when the status was last determined. */
  discharged: string;
  status: number;
  delivery: DeliveryStatus;
  /** The status in words, with its code: "no response from the recipient, no more attempts (TP-ST 0x62)". */
  statusText: string;
}

/** TP-ST (TS 23.040 §9.2.3.15): 0x00–0x1F completed, 0x20–0x3F still trying, 0x40+ gave up. */
export function deliveryStatus(status: number): DeliveryStatus {
  if (status < 0x20) return 'delivered';
  if (status < 0x40) return 'pending';
  return 'failed';
}

/** The TP-ST values TS 23.040 §9.2.3.15 names; the rest are reserved or specific to a service centre. */
const STATUS_WORDS: Record<number, string> = {
  0x00: 'received by the recipient',
  0x01: 'forwarded to the recipient, delivery not confirmed',
  0x02: 'replaced by the service centre',
  0x20: 'congestion, still trying',
  0x21: "the recipient's phone is busy, still trying",
  0x22: "no response from the recipient's phone, still trying",
  0x23: 'service rejected, still trying',
  0x24: 'quality of service not available, still trying',
  0x25: "error in the recipient's phone, still trying",
  0x40: 'remote procedure error',
  0x41: 'incompatible destination',
  0x42: 'connection rejected by the recipient',
  0x43: 'not obtainable',
  0x44: 'quality of service not available',
  0x45: 'no interworking available',
  0x46: 'validity period expired',
  0x47: 'deleted by the sender',
  0x48: 'deleted by the service centre',
  0x49: 'the message does not exist in the service centre',
  0x60: 'congestion, no more attempts',
  0x61: "the recipient's phone was busy, no more attempts",
  0x62: "no response from the recipient's phone, no more attempts",
  0x63: 'service rejected, no more attempts',
  0x64: 'quality of service not available, no more attempts',
  0x65: "error in the recipient's phone, no more attempts",
};

const GROUP_WORDS: Record<DeliveryStatus, string> = {
  delivered: 'delivered',
  pending: 'not delivered yet, still trying',
  failed: 'not delivered, no more attempts',
};

/** A TP-ST value in words, with its code; an unnamed value is told by its group (delivered, still trying, gave up). */
export function statusText(status: number): string {
  const code = `TP-ST 0x${status.toString(16).padStart(2, '0')}`;
  return `${STATUS_WORDS[status] ?? GROUP_WORDS[deliveryStatus(status)]} (${code})`;
}

/** Decodes an SMS-STATUS-REPORT PDU (with the SMSC prefix), as `+CDS` or `AT+CMGR` give it. */
export function decodeStatusReport(hex: string): SmsStatusReport {
  const reader = new OctetReader(hexToBytes(hex));
  const smsc = readSmsc(reader);
  const first = reader.byte('first octet');
  if ((first & 0x03) !== 0x02) throw new CodecError(`not an SMS-STATUS-REPORT (message type ${first & 0x03})`);
  const reference = reader.byte('message reference');
  const recipient = readAddress(reader, 'recipient address');
  const timestamp = decodeScts(reader.take(7, 'service centre timestamp'));
  const discharged = decodeScts(reader.take(7, 'discharge time'));
  const status = reader.byte('status');
  // What may follow (TP-PI and the parameters it announces) says nothing of the fate: not read.
  return { type: 'status-report', smsc, reference, recipient: recipient.number, timestamp, discharged, status, delivery: deliveryStatus(status), statusText: statusText(status) };
}

export interface StatusReportInput {
  reference: number;
  recipient: string;
  /** When the service centre received the SMS, and when its fate was determined. */
  submitted: Date;
  discharged: Date;
  status: number;
  smsc?: string | null;
  /** Minutes east of UTC for the time stamps. */
  offsetMinutes?: number;
}

/** Builds an SMS-STATUS-REPORT PDU (with SMSC prefix), as a network hands one to the modem. */
export function encodeStatusReport(input: StatusReportInput): string {
  const offset = input.offsetMinutes ?? 120;
  return bytesToHex(Uint8Array.from([
    ...writeSmsc(input.smsc ?? null),
    0x06, // MTI status report, no more messages to send
    input.reference & 0xff,
    ...writeAddress(input.recipient),
    ...encodeScts(input.submitted, offset),
    ...encodeScts(input.discharged, offset),
    input.status & 0xff,
  ]));
}
