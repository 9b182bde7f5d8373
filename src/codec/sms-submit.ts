import { CodecError } from './errors.js';
import { bytesToHex, hexToBytes, OctetReader } from './hex.js';
import { readAddress, readSmsc, writeAddress, writeSmsc } from './address.js';
import { decodeSmsDcs, smsDcsFor, type Alphabet } from './dcs.js';
import { decodeUserData, encodeUserData } from './user-data.js';
import { concatUdh, type ConcatInfo } from './udh.js';
import { splitText } from './split.js';

export interface SubmitPart {
  /** Full PDU hex as written after the `>` prompt (starts with 00: the modem's default SMSC). */
  pdu: string;
  /** The length `AT+CMGS=<n>` wants: TPDU octets, not counting the SMSC part. */
  tpduLength: number;
}

/** Relative validity period 0xA7 = 24 hours (TS 23.040 §9.2.3.12.1). */
const VALIDITY_24H = 0xa7;

export interface SubmitOptions {
  /** Concatenation reference for multipart texts (0–255). */
  reference?: number;
  /** Relative validity period octet (TS 23.040 §9.2.3.12.1); default 0xA7 = 24 hours. */
  validityPeriod?: number;
  /** Ask the network for a status report on each part (TP-SRR, TS 23.040 §9.2.3.5). */
  statusReport?: boolean;
}

/**
 * Encodes a text as one or more SMS-SUBMIT PDUs: GSM 7-bit when every character fits (extension
 * characters count two), else UCS2; long texts are split without cutting escape or surrogate pairs.
 */
export function encodeSubmit(to: string, text: string, options: SubmitOptions = {}): SubmitPart[] {
  const { alphabet, parts } = splitText(text);
  const reference = (options.reference ?? 0) & 0xff;
  const validity = (options.validityPeriod ?? VALIDITY_24H) & 0xff;
  const srr = options.statusReport ? TP_SRR : 0;
  return parts.map((partText, i) => {
    const udh = parts.length > 1 ? concatUdh({ ref: reference, total: parts.length, seq: i + 1 }) : undefined;
    return buildSubmit(to, partText, alphabet, udh, validity, srr);
  });
}

/** TP-Status-Report-Request: bit 5 of an SMS-SUBMIT's first octet. */
const TP_SRR = 0x20;

function buildSubmit(to: string, text: string, alphabet: Alphabet, udh: Uint8Array | undefined, validity: number, srr: number): SubmitPart {
  const { udl, ud } = encodeUserData(alphabet, text, udh);
  const first = 0x11 | srr | (udh ? 0x40 : 0); // SUBMIT, relative validity period present
  const smsc = writeSmsc(null);
  const tpdu = Uint8Array.from([first, 0x00, ...writeAddress(to), 0x00, smsDcsFor(alphabet), validity, udl, ...ud]);
  return { pdu: bytesToHex(Uint8Array.from([...smsc, ...tpdu])), tpduLength: tpdu.length };
}

export interface SmsSubmit {
  type: 'submit';
  to: string;
  encoding: Alphabet;
  concat: ConcatInfo | null;
  text: string;
  /** The PDU held less user data than its length said: `text` is only the start of the message. */
  truncated: boolean;
  /** The sender asked for a status report (TP-SRR). */
  statusReport: boolean;
}

/** Decodes an SMS-SUBMIT PDU (with SMSC prefix), as the simulated network receives it. */
export function decodeSubmit(hex: string): SmsSubmit {
  const reader = new OctetReader(hexToBytes(hex));
  readSmsc(reader);
  const first = reader.byte('first octet');
  if ((first & 0x03) !== 0x01) throw new CodecError(`not an SMS-SUBMIT (message type ${first & 0x03})`);
  reader.byte('message reference');
  const to = readAddress(reader, 'destination address');
  reader.byte('protocol identifier');
  const dcs = reader.byte('data coding scheme');
  const vpf = (first >> 3) & 0x03;
  if (vpf === 0x02) reader.byte('validity period');
  else if (vpf !== 0) reader.take(7, 'validity period');
  const udl = reader.byte('user data length');
  const coding = decodeSmsDcs(dcs);
  const { text, udh, truncated } = decodeUserData(coding.alphabet, (first & 0x40) !== 0, udl, reader.rest());
  return { type: 'submit', to: to.number, encoding: coding.alphabet, concat: udh?.concat ?? null, text, truncated, statusReport: (first & TP_SRR) !== 0 };
}
