/** What one kind of attack tried and what it found, as the harness prints it. */
export interface Failure {
  /**
   * The case number (-1 for a check at the end of a kind): the same seed draws the same input for
   * it, so `--seed S --only <kind> --count <n + 1>` meets it again, with the cases before it.
   */
  index: number;
  /** The input, shortened for printing. */
  input: string;
  problem: string;
}

export interface KindReport {
  kind: string;
  tried: number;
  failed: number;
  /** The first few failures, with their inputs. */
  failures: Failure[];
  ms: number;
  /** Figures beyond the counts: memory, time per byte, how inputs were answered. */
  figures: Record<string, string | number>;
  /** Defects the harness finds in code it does not own: counted apart, so the run stays green until they are fixed. */
}

const SHOWN_FAILURES = 5;
const PROGRESS_EVERY = 5000;

let progress: ((line: string) => void) | null = null;

/** Where a long run says how far each kind has got (every 5,000 inputs). */
export function reportProgressTo(write: (line: string) => void): void {
  progress = write;
}
const SHOWN_INPUT = 300;

/** Shows control characters and long inputs so a failure prints on one line. */
export function printable(input: string): string {
  const escaped = JSON.stringify(input);
  return escaped.length > SHOWN_INPUT ? `${escaped.slice(0, SHOWN_INPUT)}… (${input.length} chars)` : escaped;
}

/** Counts cases, keeps the first failures, times the kind. */
export class Recorder {
  private readonly started = process.hrtime.bigint();
  private readonly report: KindReport;

  constructor(kind: string) {
    this.report = { kind, tried: 0, failed: 0, failures: [], ms: 0, figures: {} };
  }

  tried(count = 1): void {
    const before = Math.floor(this.report.tried / PROGRESS_EVERY);
    this.report.tried += count;
    if (progress && Math.floor(this.report.tried / PROGRESS_EVERY) > before) {
      progress(`${this.report.kind}: ${this.report.tried} tried, ${this.report.failed} failed, ${(Number(process.hrtime.bigint() - this.started) / 1e9).toFixed(0)} s`);
    }
  }

  fail(index: number, input: string, problem: string): void {
    this.report.failed += 1;
    if (this.report.failures.length < SHOWN_FAILURES) this.report.failures.push({ index, input: printable(input), problem });
  }

  figure(name: string, value: string | number): void {
    this.report.figures[name] = value;
  }

  get failed(): number {
    return this.report.failed;
  }

  done(): KindReport {
    this.report.ms = Number(process.hrtime.bigint() - this.started) / 1e6;
    return this.report;
  }
}

/** The report as lines of text: per kind, tried, failed, time, inputs per second, figures, failures. */
export function formatReports(reports: KindReport[], seed: number): string {
  const lines: string[] = [];
  for (const r of reports) {
    const perSecond = r.ms > 0 ? Math.round((r.tried * 1000) / r.ms) : 0;
    lines.push(`${r.kind}: ${r.tried} tried, ${r.failed} failed, ${(r.ms / 1000).toFixed(1)} s, ${perSecond} inputs/s`);
    for (const [name, value] of Object.entries(r.figures)) lines.push(`  ${name}: ${value}`);
    for (const f of r.failures) lines.push(`  FAILED case ${f.index} (seed ${seed}): ${f.problem}\n    input: ${f.input}`);
  }
  return lines.join('\n');
}
