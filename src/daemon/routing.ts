import type { LinePort, LineRefusal } from '../control/context.js';
import type { LineState } from '../events/box-events.js';

/** What routing needs to know of a line. */
export interface RoutableLine extends LinePort {
  readonly state: LineState;
  /** Whether it can act now (its modem answers). */
  readonly up: boolean;
  readonly imsi: string | null;
  /** The SIM's own number, canonical (+359…), when known. */
  readonly number: string | null;
}

/**
 * The line a destination names, as people and programs write it: its name (any case), its SIM's
 * IMSI, or its SIM's number, national (0888…) or international (+359888…), matched on its
 * significant digits (8 or more, so a short number never matches by accident).
 */
export function findLine<L extends RoutableLine>(lines: readonly L[], wanted: string): L | undefined {
  const text = wanted.trim();
  const byName = lines.find((line) => line.name === text.toLowerCase());
  if (byName) return byName;
  if (!/^\+?[0-9]+$/.test(text)) return undefined;
  const byImsi = lines.find((line) => line.imsi !== null && line.imsi === text);
  if (byImsi) return byImsi;
  const significant = text.replace(/^\+/, '').replace(/^0+/, '');
  if (significant.length < 8) return undefined;
  return lines.find((line) => line.number !== null && line.number.replace(/^\+/, '').endsWith(significant));
}

export interface RouteRules {
  /** The line a request that names none goes to (routing.defaultLine), or null. */
  defaultLine: string | null;
}

/**
 * The line a request means: the one it names; else its own (the line an SMS arrived on, the one a
 * request was sent to); else the configured default; else the only line. It must be up. Anything
 * else is a refusal that names the lines there are — never a guess at another SIM.
 */
export function chooseLine<L extends RoutableLine>(lines: readonly L[], rules: RouteRules, named: string | null, own: string | null): { line: L } | { refusal: LineRefusal } {
  const refuse = (reason: LineRefusal['reason'], wanted: string | null) => ({ refusal: { reason, wanted, lines: lines.map((line) => ({ name: line.name, state: line.state })) } });
  let line: L | undefined;
  if (named !== null && named.trim() !== '') {
    line = findLine(lines, named);
    if (!line) return refuse('unknown', named.trim());
  } else {
    const fallback = own ?? rules.defaultLine ?? (lines.length === 1 ? lines[0]!.name : null);
    if (fallback === null) return refuse('unnamed', null);
    line = lines.find((candidate) => candidate.name === fallback);
    if (!line) return refuse('unknown', fallback);
  }
  return line.up ? { line } : refuse('unavailable', line.name);
}
