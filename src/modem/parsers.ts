/**
 * Pure parsers for modem information lines (TS 27.007 / 27.005). Table-tested with real transcripts.
 * Each reads its line in one pass: no regex here can backtrack over what a modem prints (the daemon
 * runs in V8's lite mode, where a quadratic regex on a long garbage line stalls everything).
 */

import { parenGroups, parseRangeGroups } from '../util/range-groups.js';

export { parseRangeGroups };

function prefer(supported: number[] | undefined, wanted: number[]): number | undefined {
  if (!supported || supported.length === 0) return undefined;
  return wanted.find((v) => supported.includes(v)) ?? supported[0];
}

/** How the modem hands on status reports: stored and announced (`+CDSI`), inline (`+CDS`), or not at all. */
export type ReportRouting = 'stored' | 'inline' | 'none';

/**
 * Chooses AT+CNMI parameters from the `AT+CNMI=?` answer: store new SMS and announce them with
 * +CMTI (mt=1), buffered URCs flushed (mode 2, else 1), no broadcasts. Status reports, when wanted,
 * are routed as the modem allows: stored and announced with +CDSI (ds=2), else inline as +CDS
 * (ds=1), else not at all (ds=0). Modems differ in what they accept (SIM800L: no ds=2; Cinterion
 * MC75i: only bfr=1), so the values come from the modem's own list.
 */
export function chooseCnmiRouting(testAnswer: string, wantReports: boolean): { command: string; reports: ReportRouting } {
  const groups = parseRangeGroups(testAnswer);
  const routed = wantReports ? [2, 1].find((ds) => groups[3]?.includes(ds)) : undefined;
  const chosen = [
    prefer(groups[0], [2, 1, 3]),
    prefer(groups[1], [1]),
    prefer(groups[2], [0]),
    routed ?? prefer(groups[3], [0]),
    prefer(groups[4], [0, 1]),
  ];
  const values: number[] = [];
  for (const v of chosen) {
    if (v === undefined) break;
    values.push(v);
  }
  if (values.length < 2) return { command: 'AT+CNMI=2,1,0,0,0', reports: 'none' };
  const ds = values[3];
  return { command: `AT+CNMI=${values.join(',')}`, reports: ds === 2 ? 'stored' : ds === 1 ? 'inline' : 'none' };
}

/** The AT+CNMI command without status-report routing. */
export function chooseCnmi(testAnswer: string): string {
  return chooseCnmiRouting(testAnswer, false).command;
}

/** The memories `+CPMS: ("SM","ME"),(…),(…)` offers, per parameter (read, write, receive). */
export function cpmsMemories(testAnswer: string): string[][] {
  return parenGroups(testAnswer).map((group) => [...group.matchAll(/"([^"]+)"/g)].map((q) => q[1]!));
}

/** The read, write and receive memories to use, preferring the SIM. */
export function chosenMemories(testAnswer: string): [string, string, string] {
  const groups = cpmsMemories(testAnswer);
  const pick = (list: string[] | undefined): string => (list?.includes('SM') ? 'SM' : list?.[0] ?? 'SM');
  return [pick(groups[0]), pick(groups[1]), pick(groups[2])];
}

/** Picks the message storage from `+CPMS: ("SM","ME"),(…),(…)`, preferring the SIM. */
export function chooseCpms(testAnswer: string): string {
  return `AT+CPMS=${chosenMemories(testAnswer).map((m) => `"${m}"`).join(',')}`;
}

export interface SignalQuality {
  /** 0–31, or null when the modem says 99 (unknown). */
  rssi: number | null;
  dbm: number | null;
  /** 0–5 bars, the way phones show it. */
  bars: number;
}

export function parseCsq(line: string): SignalQuality {
  const match = /^\+CSQ:\s*(\d+)\s*,\s*(\d+)/.exec(line);
  const rssi = match ? Number(match[1]) : 99;
  if (rssi === 99 || rssi > 31) return { rssi: null, dbm: null, bars: 0 };
  const bars = rssi < 2 ? 0 : rssi < 8 ? 1 : rssi < 13 ? 2 : rssi < 18 ? 3 : rssi < 23 ? 4 : 5;
  return { rssi, dbm: -113 + 2 * rssi, bars };
}

export type Registration = 'not-registered' | 'home' | 'searching' | 'denied' | 'unknown' | 'roaming';
const REG_STATES: Registration[] = ['not-registered', 'home', 'searching', 'denied', 'unknown', 'roaming'];

/** `+CREG: <n>,<stat>[,…]` (solicited) or `+CREG: <stat>[,…]` (URC). */
export function parseCreg(line: string, solicited: boolean): Registration {
  const fields = line.replace(/^\+C(?:E|G)?REG:\s*/, '').split(',').map((f) => f.trim());
  const stat = Number(solicited ? fields[1] : fields[0]);
  return REG_STATES[stat] ?? 'unknown';
}

/** `+COPS: 0,2,"28403",7` → "28403" (numeric format), or the long name when that is what was set. */
export function parseCops(line: string): string | null {
  const match = /^\+COPS:\s*\d+\s*,\s*\d+\s*,\s*"([^"]*)"/.exec(line);
  return match ? match[1]! : null;
}

export interface ListedMessage {
  index: number;
  status: number;
  pdu: string;
}

/**
 * The PDU line as modems print it, tidied: surrounding quotes and spaces dropped, SIM record padding
 * (`FF…` after the message, up to the 176 octets of an EF-SMS record) cut at the length the header
 * gave, and the empty SMSC octet put in front of a bare TPDU. The header's length counts TPDU octets
 * only, so a line of exactly that many octets has no SMSC part (oFono's sms_decode tells them apart
 * the same way); every other line has one. Only padding is cut: a header length that disagrees with
 * real data is left for the decoder to report.
 */
export function tidyPdu(raw: string, tpduLength: number | null): string {
  const edge = (ch: string | undefined): boolean => ch === '"' || ch === ' ' || ch === '\t';
  let from = 0;
  let to = raw.length;
  while (from < to && edge(raw[from])) from++;
  while (to > from && edge(raw[to - 1])) to--;
  const hex = raw.slice(from, to);
  if (tpduLength === null) return hex;
  if (hex.length === tpduLength * 2) return `00${hex}`;
  const smscOctets = Number.parseInt(hex.slice(0, 2), 16);
  if (Number.isNaN(smscOctets)) return hex;
  const end = (1 + smscOctets + tpduLength) * 2;
  return hex.length > end && /^[Ff]+$/.test(hex.slice(end)) ? hex.slice(0, end) : hex;
}

/**
 * The fields of a `+CMGL:`/`+CMGR:` header in PDU mode. The standard forms are
 * `+CMGL: <index>,<stat>,[<alpha>],<length>` and `+CMGR: <stat>,[<alpha>],<length>`; real modems
 * also print `+CMGR: 0,23` (no alpha), `+CMGR: ,,92` (no stat), `+CMGR: 24` (length only) and
 * `+CMGR: 4,1,,151` (an extra field), all seen in gammu's collected transcripts. The first field is
 * the stat (null when empty or when the length stands alone), the last number is the length.
 */
function headerFields(rest: string): { first: number | null; second: number | null; length: number | null } {
  const fields = rest.replace(/"[^"]*"/g, '').split(',').map((f) => f.trim());
  const number = (f: string | undefined): number | null => (f !== undefined && /^\d+$/.test(f) ? Number(f) : null);
  const length = number(fields[fields.length - 1]);
  return { first: fields.length > 1 ? number(fields[0]) : null, second: fields.length > 2 ? number(fields[1]) : null, length };
}

/**
 * Pairs `+CMGL: <i>,<stat>,[<alpha>],<len>` headers with the PDU line after each. A header with no
 * PDU after it (a slot a modem lists as `+CMGL: 2,1,,0` with nothing, or a blank line) is an empty
 * slot, listed with an empty PDU so that it is deleted rather than left to fill the storage.
 */
export function parseCmgl(lines: string[]): ListedMessage[] {
  const out: ListedMessage[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('+CMGL:')) continue;
    const { first: index, second: status, length } = headerFields(line.slice(6));
    if (index === null) continue;
    const pdu = lines[i + 1];
    const hasPdu = pdu !== undefined && !pdu.startsWith('+CMGL:');
    out.push({ index, status: status ?? -1, pdu: hasPdu ? tidyPdu(pdu, length) : '' });
    if (hasPdu) i += 1;
  }
  return out;
}

/**
 * `+CMGR: <stat>,[<alpha>],<len>` then the PDU line; the stat is -1 when the modem left it out. A
 * header with no PDU line (`+CMGR: 0,,-1` and a blank line, seen on a slot whose record is empty)
 * reads as an empty PDU; no header at all (the slot is free) is null.
 */
export function parseCmgr(lines: string[]): { status: number; pdu: string } | null {
  const at = lines.findIndex((l) => l.startsWith('+CMGR:'));
  if (at < 0) return null;
  const pdu = lines[at + 1];
  const { first: status, length } = headerFields(lines[at]!.slice(6));
  return { status: status ?? -1, pdu: pdu ? tidyPdu(pdu, length) : '' };
}

const CMTI = /^\+CMTI:\s*"([^"]*)"\s*,\s*(\d+)/;
const CDSI = /^\+CDSI:\s*"([^"]*)"\s*,\s*(\d+)/;

function storedAt(pattern: RegExp, line: string): { storage: string; index: number } | null {
  const match = pattern.exec(line);
  return match ? { storage: match[1]!, index: Number(match[2]) } : null;
}

/** `+CMTI: "SM",3` → { storage: "SM", index: 3 }: a new SMS stored. */
export function parseCmti(line: string): { storage: string; index: number } | null {
  return storedAt(CMTI, line);
}

/** `+CDSI: "SR",5` → { storage: "SR", index: 5 }: a new status report stored (TS 27.005 §3.4.1, ds=2). */
export function parseCdsi(line: string): { storage: string; index: number } | null {
  return storedAt(CDSI, line);
}

/**
 * `+CDS: <length>` and the PDU line after it (PDU mode, ds=1): the status report's PDU, tidied as
 * a stored one is; null when the header has no length or the PDU line is missing (the URC was cut).
 */
export function parseCds(lines: string[]): string | null {
  const match = /^\+CDS:\s*(\d+)\s*$/.exec(lines[0] ?? '');
  const pdu = lines[1];
  return match && pdu ? tidyPdu(pdu, Number(match[1])) : null;
}

/** `+CSMS: <service>,<mt>,<mo>,<bm>` (AT+CSMS?) → the service; 1 means +CDS and +CMT wait for AT+CNMA. */
export function parseCsmsService(lines: string[]): number {
  const match = /^\+CSMS:\s*(\d+)/.exec(lines.find((l) => l.startsWith('+CSMS:')) ?? '');
  return match ? Number(match[1]) : 0;
}

/** The IMSI line of AT+CIMI: 6–15 digits, possibly with a "+CIMI:" prefix on some firmware. */
export function parseImsi(lines: string[]): string | null {
  for (const line of lines) {
    const match = /^(?:\+CIMI:\s*)?(\d{6,15})$/.exec(line.trim());
    if (match) return match[1]!;
  }
  return null;
}
