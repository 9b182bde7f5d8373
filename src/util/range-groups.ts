/**
 * The "(…)" lists of an AT test answer (`AT+CNMI=?`, `AT+CPMS=?`), read in one pass: the modem
 * parsers choose settings from them, and the simulated modem checks a setting against what it
 * advertises.
 */

/** The contents of each "(…)" group, left to right; an unclosed group ends the list. */
export function parenGroups(text: string): string[] {
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
