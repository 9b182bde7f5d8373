/**
 * parsers: every parser of modem output on pathological lines of 1k, 10k and 100k characters, timed
 * under the daemon's V8 flags (`npm run bench:parsers` starts Node with --lite-mode and a 1 MiB
 * semi-space, as `npm start` does). A linear parser takes about 10× as long for 10× the input (a
 * parser that only looks at the ends of its line, about the same); a quadratic one 100×. Each
 * result is checked against what the case expects before it is timed.
 */
import { deepStrictEqual } from 'node:assert';
import { PATHOLOGICAL } from '../test/vectors/pathological.js';
import { machine } from './lib/common.js';

const SIZES = [1_000, 10_000, 100_000];

/** Microseconds per call: repeated until 100 ms have passed (at least 5 calls), the fastest kept. */
function timeOf(work: () => unknown): number {
  let best = Infinity;
  const until = performance.now() + 100;
  for (let calls = 0; calls < 5 || performance.now() < until; calls++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best * 1000;
}

export function parsersBench(): Array<Record<string, string>> {
  return PATHOLOGICAL.map((c) => {
    const micros = SIZES.map((n) => {
      // A flat string, as a line from the framer is: building it is not part of the parse.
      const input = Buffer.from(c.make(n), 'latin1').toString('latin1');
      deepStrictEqual(c.parse(input), c.expected(n), `${c.parser} (${c.input}) at n = ${n}`);
      return timeOf(() => c.parse(input));
    });
    const row: Record<string, string> = { parser: c.parser, input: c.input };
    SIZES.forEach((n, i) => (row[`${n / 1000}k µs`] = micros[i]!.toFixed(1)));
    row['10k/1k'] = `${(micros[1]! / micros[0]!).toFixed(1)}×`;
    row['100k/10k'] = `${(micros[2]! / micros[1]!).toFixed(1)}×`;
    return row;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lite = process.execArgv.includes('--lite-mode');
  console.log(`parsers: ${PATHOLOGICAL.length} pathological inputs at ${SIZES.join(', ')} characters, µs per call (fastest of repeated calls); V8 lite mode ${lite ? 'on' : 'OFF (run it with npm run bench:parsers)'}`);
  console.log('         linear: about 10× per 10× the input; quadratic: about 100×');
  console.log(`machine: ${machine()}`);
  console.table(parsersBench());
}
