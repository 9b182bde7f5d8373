/**
 * masking: the one rule that masks codes in texts and log lines, over inputs made to be slow for a
 * backtracking matcher (long digit runs, digits and separators alternating, separator runs that
 * almost join) at growing sizes. Linear means the time per character stays flat as the size grows.
 *   npm run bench:masking
 */
import { maskDigits, maskSecrets, redactCommandText, registerSecret } from '../src/log/secrets.js';
import { machine } from './lib/common.js';

const SHAPES: Record<string, (n: number) => string> = {
  'one digit run': (n) => '7'.repeat(n),
  'digit, separator, digit…': (n) => '7-'.repeat(n / 2),
  'separator runs one too long': (n) => '12    '.repeat(n / 6),
  'Cyrillic text with codes': (n) => 'кредит 8040 7938 7408 127 и '.repeat(n / 28),
};

function nsPerChar(text: string, work: (text: string) => string): string {
  let rounds = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 300_000_000n) {
    work(text);
    rounds += 1;
    elapsed = process.hrtime.bigint() - started;
  }
  return (Number(elapsed) / rounds / text.length).toFixed(1);
}

export function maskingBench(): Record<string, Record<string, string>> {
  registerSecret('804079387408127');
  const rows: Record<string, Record<string, string>> = {};
  for (const [shape, make] of Object.entries(SHAPES)) {
    for (const size of [1_000, 10_000, 100_000]) {
      const text = make(size);
      rows[`${shape}, ${size} chars`] = {
        'maskDigits ns/char': nsPerChar(text, maskDigits),
        'redactCommandText ns/char': nsPerChar(`*123456 ${text}`, redactCommandText),
        'maskSecrets (log line) ns/char': nsPerChar(text, maskSecrets),
      };
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`masking: inputs made to be slow for a backtracking matcher, 1,000 to 100,000 characters, 0.3 s each`);
  console.log(`machine: ${machine()}`);
  console.table(maskingBench());
}
