export type FinalResult =
  | { kind: 'ok' }
  | { kind: 'error' }
  | { kind: 'cme'; code: number | null; text: string }
  | { kind: 'cms'; code: number | null; text: string }
  | { kind: 'no-carrier' | 'busy' | 'no-answer' | 'no-dialtone' };

/**
 * Final result codes (TS 27.007 §4.1, TS 27.005 §3.2.5), exact-match only: a message body that
 * merely contains "ERROR" never ends a response. `+CME ERROR` comes numeric (CMEE=1) or verbose
 * (CMEE=2); some Huawei firmware says `COMMAND NOT SUPPORT` instead of ERROR.
 */
export function parseFinalResult(line: string): FinalResult | null {
  switch (line) {
    case 'OK':
      return { kind: 'ok' };
    case 'ERROR':
    case 'COMMAND NOT SUPPORT':
      return { kind: 'error' };
    case 'NO CARRIER':
      return { kind: 'no-carrier' };
    case 'BUSY':
      return { kind: 'busy' };
    case 'NO ANSWER':
      return { kind: 'no-answer' };
    case 'NO DIALTONE':
      return { kind: 'no-dialtone' };
  }
  const kind = line.startsWith('+CME ERROR:') ? 'cme' : line.startsWith('+CMS ERROR:') ? 'cms' : null;
  if (!kind) return null;
  const text = line.slice(11).trim();
  const code = /^\d+$/.test(text) ? Number(text) : null;
  return { kind, code, text };
}
