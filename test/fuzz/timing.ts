/**
 * Time per input unit by size class, to print, never to assert: a parser that is linear keeps its
 * nanoseconds per byte flat from the smallest class to the largest.
 */
import type { Recorder } from './report.js';

const CLASSES = [
  { name: 'up to 200', max: 200 },
  { name: '200–2,000', max: 2_000 },
  { name: 'over 2,000', max: Infinity },
];

export class SizeClasses {
  private readonly units = CLASSES.map(() => 0);
  private readonly ns = CLASSES.map(() => 0);
  private readonly inputs = CLASSES.map(() => 0);
  private largest = 0;

  time<T>(units: number, work: () => T): T {
    const started = process.hrtime.bigint();
    const out = work();
    const ns = Number(process.hrtime.bigint() - started);
    const c = CLASSES.findIndex((k) => units <= k.max);
    this.units[c]! += units;
    this.ns[c]! += ns;
    this.inputs[c]! += 1;
    this.largest = Math.max(this.largest, units);
    return out;
  }

  report(rec: Recorder, what: string): void {
    const shown = CLASSES.map((k, c) => (this.inputs[c] ? `${k.name}: ${(this.ns[c]! / this.units[c]!).toFixed(0)} ns (${this.inputs[c]} inputs)` : null)).filter(Boolean);
    rec.figure(`${what}, by input size`, `${shown.join('; ')}; largest ${this.largest}`);
  }
}
