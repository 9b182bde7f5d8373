/**
 * Pure parsers for modem information lines (TS 27.007 / 27.005). Table-tested with real transcripts.
 * Each reads its line in one pass: no regex here can backtrack over what a modem prints (the daemon
 * runs in V8's lite mode, where a quadratic regex on a long garbage line stalls everything).
 */

/** The contents of each "(…)" group, left to right; an unclosed group ends the list. */
function parenGroups(text: string): string[] {
  const groups: string[] = [];
  let at = text.indexOf('(');
  while (at >= 0) {
    const close = text.indexOf(')', at + 1);
    if (close < 0) break;
    groups.push(text.slice(at + 1, close));
    at = text.indexOf('(', close + 1);
  }
  return groups;
}

const DIGITS = /^\d+$/;

/** "(0-3),(0,1),(0,2)" → [[0,1,2,3],[0,1],[0,2]]. Unparseable groups become empty lists. */
export function parseRangeGroups(text: string): number[][] {
  return parenGroups(text).map((group) => {
    const values = new Set<number>();
    for (const part of group.split(',')) {
      const [fromText, toText, extra] = part.split('-').map((f) => f.trim());
      if (extra !== undefined || !DIGITS.test(fromText!) || (toText !== undefined && !DIGITS.test(toText))) continue;
      const from = Number(fromText);
      const to = toText === undefined ? from : Number(toText);
      for (let v = from; v <= to && v - from < 256; v++) values.add(v);
    }
    return [...values].sort((a, b) => a - b);
  });
}

function prefer(supported: number[] | undefined, wanted: number[]): number | undefined {
  if (!supported || supported.length === 0) return undefined;
  return wanted.find((v) => supported.includes(v)) ?? supported[0];
}

/**
 * Chooses AT+CNMI parameters from the `AT+CNMI=?` answer: store new SMS and announce them with
 * +CMTI (mt=1), buffered URCs flushed (mode 2, else 1), no broadcast or status-report routing.
 * Modems differ in what they accept (SIM800L: no ds=2; Cinterion MC75i: only bfr=1), so the values
 * come from the modem's own list.
 */
export function chooseCnmi(testAnswer: string): string {
  const groups = parseRangeGroups(testAnswer);
  const chosen = [
    prefer(groups[0], [2, 1, 3]),
    prefer(groups[1], [1]),
    prefer(groups[2], [0]),
    prefer(groups[3], [0]),
    prefer(groups[4], [0, 1]),
  ];
  const values: number[] = [];
  for (const v of chosen) {
    if (v === undefined) break;
    values.push(v);
  }
  return values.length >= 2 ? `AT+CNMI=${values.join(',')}` : 'AT+CNMI=2,1,0,0,0';
}

/** Picks the message storage from `+CPMS: ("SM","ME"),(…),(…)`, preferring the SIM. */
export function chooseCpms(testAnswer: string): string {
  const groups = parenGroups(testAnswer).map((group) => [...group.matchAll(/"([^"]+)"/g)].map((q) => q[1]!));
  const pick = (list: string[] | undefined): string => (list?.includes('SM') ? 'SM' : list?.[0] ?? 'SM');
  const mems = [pick(groups[0]), pick(groups[1]), pick(groups[2])];
  return `AT+CPMS=${mems.map((m) => `"${m}"`).join(',')}`;
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

/** `+CMTI: "SM",3` → { storage: "SM", index: 3 }. */
export function parseCmti(line: string): { storage: string; index: number } | null {
  const match = /^\+CMTI:\s*"([^"]*)"\s*,\s*(\d+)/.exec(line);
  return match ? { storage: match[1]!, index: Number(match[2]) } : null;
}

/** The IMSI line of AT+CIMI: 6–15 digits, possibly with a "+CIMI:" prefix on some firmware. */
export function parseImsi(lines: string[]): string | null {
  for (const line of lines) {
    const match = /^(?:\+CIMI:\s*)?(\d{6,15})$/.exec(line.trim());
    if (match) return match[1]!;
  }
  return null;
}
