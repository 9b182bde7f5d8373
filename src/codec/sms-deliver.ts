import { CodecError } from './errors.js';
import { bytesToHex, hexToBytes, OctetReader } from './hex.js';
import { readAddress, readSmsc, writeAddress, writeSmsc } from './address.js';
import { decodeSmsDcs, smsDcsFor, type Alphabet } from './dcs.js';
import { decodeScts, encodeScts } from './timestamp.js';
import { decodeUserData, encodeUserData } from './user-data.js';
import type { ConcatInfo } from './udh.js';

export interface SmsDeliver {
  type: 'deliver';
  smsc: string | null;
  sender: string;
  senderIsAlphanumeric: boolean;
  /** ISO 8601 with the service centre's offset. */
  timestamp: string;
  pid: number;
  dcs: number;
  encoding: Alphabet;
  messageClass: 0 | 1 | 2 | 3 | null;
  concat: ConcatInfo | null;
  text: string;
  /** The PDU held less user data than its length said: `text` is only the start of the message. */
  truncated: boolean;
}

const MTI_DELIVER = 0x00;

/** Decodes an SMS-DELIVER PDU as `AT+CMGR`/`AT+CMGL` print it (with the SMSC prefix). */
export function decodeDeliver(hex: string): SmsDeliver {
  const reader = new OctetReader(hexToBytes(hex));
  const smsc = readSmsc(reader);
  const first = reader.byte('first octet');
  if ((first & 0x03) !== MTI_DELIVER) throw new CodecError(`not an SMS-DELIVER (message type ${first & 0x03})`);
  const sender = readAddress(reader, 'originating address');
  const pid = reader.byte('protocol identifier');
  const dcs = reader.byte('data coding scheme');
  const timestamp = decodeScts(reader.take(7, 'timestamp'));
  const udl = reader.byte('user data length');
  const coding = decodeSmsDcs(dcs);
  if (coding.compressed) throw new CodecError('compressed user data is not supported');
  const { text, udh, truncated } = decodeUserData(coding.alphabet, (first & 0x40) !== 0, udl, reader.rest());
  return {
    type: 'deliver',
    smsc,
    sender: sender.number,
    senderIsAlphanumeric: sender.alphanumeric,
    timestamp,
    pid,
    dcs,
    encoding: coding.alphabet,
    messageClass: coding.messageClass,
    concat: udh?.concat ?? null,
    text,
    truncated,
  };
}

export interface DeliverInput {
  sender: string;
  text: string;
  date: Date;
  /** Minutes east of UTC for the timestamp; Bulgaria is +120 or +180. */
  offsetMinutes?: number;
  smsc?: string | null;
  alphabet?: Alphabet;
  udh?: Uint8Array;
  alphanumericSender?: boolean;
}

/** Builds an SMS-DELIVER PDU (with SMSC prefix), as a network would hand one to the modem. */
export function encodeDeliver(input: DeliverInput): string {
  const alphabet = input.alphabet ?? 'gsm7';
  const { udl, ud } = encodeUserData(alphabet, input.text, input.udh);
  const first = 0x04 | (input.udh ? 0x40 : 0); // MTI deliver, no more messages
  const bytes = Uint8Array.from([
    ...writeSmsc(input.smsc ?? null),
    first,
    ...writeAddress(input.sender, { alphanumeric: input.alphanumericSender ?? false }),
    0x00,
    smsDcsFor(alphabet),
    ...encodeScts(input.date, input.offsetMinutes ?? 120),
    udl,
    ...ud,
  ]);
  return bytesToHex(bytes);
}
