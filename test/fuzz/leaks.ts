/**
 * The leak oracle: does a text show 5 or more digits of a code in a row (the last 4 may show, never
 * a fifth), however they are grouped — digits of any script, joined by up to 3 spaces, dashes, dots
 * or slashes, as a person types them? Written apart from the masking code, so it checks it.
 */
const WINDOW = 5;
const MAX_JOIN = 3;
/** The zero of each run of decimal digits the generators use, so any of them reads as 0–9. */
const ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6];
const JOINS = /^[\s\p{Pd}./\\\u00b7\u2215\u2212]$/u;
const DIGIT = /^\p{Nd}$/u;

function digitValue(ch: string): string | null {
  if (!DIGIT.test(ch)) return null;
  const cp = ch.codePointAt(0)!;
  for (const zero of ZEROS) if (cp >= zero && cp < zero + 10) return String(cp - zero);
  return '?';
}

/** The digits of each run in `text` (digits joined by at most 3 joining characters), as ASCII. */
export function digitRuns(text: string): string[] {
  const runs: string[] = [];
  let run = '';
  let gap = 0;
  for (const ch of text) {
    const value = digitValue(ch);
    if (value !== null) {
      run += value;
      gap = 0;
    } else if (run && JOINS.test(ch) && gap < MAX_JOIN) {
      gap += 1;
    } else {
      if (run.length >= WINDOW) runs.push(run);
      run = '';
      gap = 0;
    }
  }
  if (run.length >= WINDOW) runs.push(run);
  return runs;
}

/** Every 5-digit window of `digits`. */
export function windows(digits: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + WINDOW <= digits.length; i++) out.push(digits.slice(i, i + WINDOW));
  return out;
}

/**
 * The first window of a code that `text` shows, or null. `allowed`: windows that digits other than
 * the codes put there (a phone number, a date), which cannot tell a leak from a coincidence.
 */
export function leakedWindow(text: string, codes: Iterable<string>, allowed: ReadonlySet<string> = new Set()): { code: string; window: string } | null {
  const wanted = new Map<string, string>();
  for (const code of codes) for (const w of windows(code)) if (!allowed.has(w)) wanted.set(w, code);
  if (wanted.size === 0) return null;
  for (const run of digitRuns(text)) {
    for (const w of windows(run)) {
      const code = wanted.get(w);
      if (code) return { code, window: w };
    }
  }
  return null;
}

/** The windows of every digit run of `texts`: what may show without being a leak. */
export function windowsOf(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts) for (const run of digitRuns(text)) for (const w of windows(run)) out.add(w);
  return out;
}

/**
 * Windows of the figures the box prints of its own, never a leak: dates (dd.mm.yyyy, yyyy-mm-dd)
 * from a year back to three ahead, the simulated SIM's network, IMSI, ICCID and number, the
 * serial its error messages give as an example, and the relay's client address it records.
 */
export function boxFigures(now = new Date()): Set<string> {
  const texts: string[] = [];
  for (let d = -400; d <= 1200; d++) {
    const day = new Date(now.getTime() + d * 86_400_000).toISOString().slice(0, 10);
    const [y, m, dd] = day.split('-');
    texts.push(`${dd}.${m}.${y}`, day);
  }
  texts.push('284-03', '284030000000001', '8935903000000000017', '+359881000001', '101-23423423', '127.0.0.1');
  return windowsOf(texts);
}

/**
 * The strings of a JSON value, each apart (joined by " | ", which no run crosses): what a person or
 * a program reads in it. Not its JSON text, where an escaped control character ("\u0013") would
 * add digits to the run after it. ISO timestamps and numbers are left out: `12:00:15.935` reads as
 * digits joined by a dot, and numbers are ids and counts (`"command":10492`) — a code is always a
 * string, so it stays in.
 */
export function withoutTimes(value: unknown): string {
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) strings.push(v);
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return strings.join(' | ');
}

/** `text` with the amounts the box prints (`357.50 EUR`, as replies and carrier answers give balances) left out. */
export function withoutMoney(text: string): string {
  return text.replace(/\d+[.,]\d\d ?(EUR|BGN|лв|lv)\b/g, '<money>');
}

/** A log line (JSON) as `withoutTimes` reads a value, its time left out; a line that is not JSON as it is. */
export function logLineText(line: string): string {
  try {
    const { time: _time, ...rest } = JSON.parse(line) as Record<string, unknown>;
    return withoutTimes(rest);
  } catch {
    return line;
  }
}

/**
 * The codes of 9 or more digits found whole in `bytes` (a database file read as latin1, a process's
 * output): its runs of 9 or more ASCII digits are found once, then each code looked for in them.
 */
export function wholeIn(bytes: string, codes: Iterable<string>): string[] {
  const runs = bytes.match(/[0-9]{9,}/g) ?? [];
  return [...codes].filter((code) => code.length >= 9 && /^[0-9]+$/.test(code) && runs.some((run) => run.includes(code)));
}
