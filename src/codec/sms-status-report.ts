import { CodecError } from './errors.js';
import { hexToBytes, OctetReader } from './hex.js';
import { readAddress, readSmsc } from './address.js';
import { decodeScts } from './timestamp.js';

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
}

/** TP-ST (TS 23.040 §9.2.3.15): 0x00–0x1F completed, 0x20–0x3F still trying, 0x40+ gave up. */
export function deliveryStatus(status: number): DeliveryStatus {
  if (status < 0x20) return 'delivered';
  if (status < 0x40) return 'pending';
  return 'failed';
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
  return { type: 'status-report', smsc, reference, recipient: recipient.number, timestamp, discharged, status, delivery: deliveryStatus(status) };
}
