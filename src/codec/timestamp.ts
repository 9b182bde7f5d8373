import { CodecError } from './errors.js';

/** One swapped-BCD octet (the tens digit in the low nibble), or null when a nibble is not a digit. */
function swappedBcd(octet: number): number | null {
  const tens = octet & 0x0f;
  const units = octet >> 4;
  return tens > 9 || units > 9 ? null : tens * 10 + units;
}

function toSwappedBcd(value: number): number {
  return ((value % 10) << 4) | Math.floor(value / 10);
}

const pad = (n: number): string => String(n).padStart(2, '0');

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Service-centre timestamp (TS 23.040 §9.2.3.11): 7 swapped-BCD octets YY MM DD hh mm ss TZ. TZ is
 * in quarter hours; its sign is bit 3 of the octet as stored (the top bit of the swapped value).
 * Returns ISO 8601 with the sender's own offset, e.g. 2026-11-21T14:05:09+02:00. A date no calendar
 * has (month 13, 31 June, 29 February 2023, hour 25) or a date nibble that is not a digit is a
 * CodecError: such a PDU is not what any service centre sends.
 */
export function decodeScts(octets: Uint8Array): string {
  if (octets.length !== 7) throw new CodecError('timestamp must be 7 octets');
  const fields = Array.from(octets.subarray(0, 6), swappedBcd);
  const tzOctet = octets[6]!;
  const negative = (tzOctet & 0x08) !== 0;
  // The zone's units nibble is read as its value even past 9, as oFono does: a network's status
  // report in oFono's tests has zone octet A0 (+02:30).
  const quarters = (tzOctet & 0x07) * 10 + (tzOctet >> 4);
  if (fields.includes(null)) throw new CodecError('timestamp has a nibble that is not a digit');
  const [yy, mo, dd, hh, mi, ss] = fields as [number, number, number, number, number, number];
  // Two-digit years: 70–99 are the 1900s (old vectors and mis-set SMSC clocks), the rest 2000s.
  const year = yy >= 70 ? 1900 + yy : 2000 + yy;
  if (mo < 1 || mo > 12 || dd < 1 || dd > daysIn(year, mo) || hh > 23 || mi > 59 || ss > 59 || quarters > 79) {
    throw new CodecError(`timestamp ${year}-${pad(mo)}-${pad(dd)} ${pad(hh)}:${pad(mi)}:${pad(ss)} is not a real time`);
  }
  const offsetMinutes = quarters * 15;
  const sign = negative ? '-' : '+';
  return `${year}-${pad(mo)}-${pad(dd)}T${pad(hh)}:${pad(mi)}:${pad(ss)}${sign}${pad(Math.floor(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

/** Encodes a Date as seen at `offsetMinutes` from UTC (multiple of 15). */
export function encodeScts(date: Date, offsetMinutes: number): Uint8Array {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const quarters = Math.abs(Math.round(offsetMinutes / 15));
  const tz = toSwappedBcd(quarters) | (offsetMinutes < 0 ? 0x08 : 0);
  return Uint8Array.from([
    toSwappedBcd(local.getUTCFullYear() % 100),
    toSwappedBcd(local.getUTCMonth() + 1),
    toSwappedBcd(local.getUTCDate()),
    toSwappedBcd(local.getUTCHours()),
    toSwappedBcd(local.getUTCMinutes()),
    toSwappedBcd(local.getUTCSeconds()),
    tz,
  ]);
}
