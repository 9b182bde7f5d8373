import { CodecError } from './errors.js';

function swappedBcd(octet: number): number {
  return (octet & 0x0f) * 10 + (octet >> 4);
}

function toSwappedBcd(value: number): number {
  return ((value % 10) << 4) | Math.floor(value / 10);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Service-centre timestamp (TS 23.040 §9.2.3.11): 7 swapped-BCD octets YY MM DD hh mm ss TZ. TZ is
 * in quarter hours; its sign is bit 3 of the octet as stored (the top bit of the swapped value).
 * Returns ISO 8601 with the sender's own offset, e.g. 2026-11-21T14:05:09+02:00.
 */
export function decodeScts(octets: Uint8Array): string {
  if (octets.length !== 7) throw new CodecError('timestamp must be 7 octets');
  const [yy, mo, dd, hh, mi, ss] = Array.from(octets.subarray(0, 6), swappedBcd) as [number, number, number, number, number, number];
  const tzOctet = octets[6]!;
  const negative = (tzOctet & 0x08) !== 0;
  const quarters = swappedBcd(tzOctet & 0xf7);
  if (mo < 1 || mo > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 59 || quarters > 79) {
    throw new CodecError('timestamp has out-of-range fields');
  }
  const offsetMinutes = quarters * 15;
  const sign = negative ? '-' : '+';
  // Two-digit years: 70–99 are the 1900s (old vectors and mis-set SMSC clocks), the rest 2000s.
  const year = yy >= 70 ? 1900 + yy : 2000 + yy;
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
