import { fold, lookalikeFold } from './fold.js';

/** Carrier texts are at most a few SMS long; anything past this is not read. */
export const MAX_TEXT_CHARS = 4000;

export interface Token {
  kind: 'word' | 'num' | 'sym';
  /** As written (digits of other scripts already turned into ASCII). */
  raw: string;
  /** Words: folded (see fold.ts); digits and symbols: as written. */
  norm: string;
  /** Words in Cyrillic look-alike capitals: their Cyrillic reading. */
  alt: string | null;
  /** What came before it: 0 nothing, 1 spaces, 2 a line break. */
  gap: 0 | 1 | 2;
}

type CharClass = 'letter' | 'digit' | 'space' | 'newline' | 'other';

function classify(ch: string): CharClass {
  if (ch === '\n' || ch === '\r') return 'newline';
  if (/\s/u.test(ch)) return 'space';
  if (ch >= '0' && ch <= '9') return 'digit';
  if (/[\p{L}\p{M}]/u.test(ch)) return 'letter';
  if (asciiDigit(ch) !== null) return 'digit';
  return 'other';
}

/** Arabic-Indic and Persian digits, which carriers in those markets use. */
function asciiDigit(ch: string): string | null {
  const code = ch.codePointAt(0)!;
  if (code >= 0x30 && code <= 0x39) return ch;
  if (code >= 0x660 && code <= 0x669) return String(code - 0x660);
  if (code >= 0x6f0 && code <= 0x6f9) return String(code - 0x6f0);
  return null;
}

/**
 * One pass over the text: runs of letters, runs of digits, and every other character on its own.
 * Letters and digits written together ("24,84zl", "Rp2200") become separate tokens with no gap.
 */
export function tokenize(input: string): Token[] {
  const text = input.length > MAX_TEXT_CHARS ? input.slice(0, MAX_TEXT_CHARS) : input;
  const tokens: Token[] = [];
  let run = '';
  let runClass: CharClass | null = null;
  let gap: 0 | 1 | 2 = 0;

  const flush = (): void => {
    if (runClass === 'letter') {
      tokens.push({ kind: 'word', raw: run, norm: fold(run), alt: lookalikeFold(run), gap });
      gap = 0;
    } else if (runClass === 'digit') {
      tokens.push({ kind: 'num', raw: run, norm: run, alt: null, gap });
      gap = 0;
    }
    run = '';
    runClass = null;
  };

  for (const ch of text) {
    const cls = classify(ch);
    if (cls === 'letter' || cls === 'digit') {
      if (runClass !== cls) flush();
      runClass = cls;
      run += cls === 'digit' ? asciiDigit(ch)! : ch;
      continue;
    }
    flush();
    if (cls === 'newline') gap = 2;
    else if (cls === 'space') gap = gap === 2 ? 2 : 1;
    else {
      tokens.push({ kind: 'sym', raw: ch, norm: ch, alt: null, gap });
      gap = 0;
    }
  }
  flush();
  return tokens;
}
