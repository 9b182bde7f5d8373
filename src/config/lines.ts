import type { Config, LineInput, SIMULATED_CARRIERS } from './schema.js';

export type SimulatedCarrier = (typeof SIMULATED_CARRIERS)[number];

/** One line with everything settled: its own keys, else the box's `modem:` defaults. */
export interface LineConfig {
  name: string;
  /** Serial device or tcp://HOST:PORT; null: the built-in simulator. */
  port: string | null;
  baud: number;
  ussdEncoding: Config['modem']['ussdEncoding'];
  /** The SIM's own number, when the config gives it. */
  number: string | null;
  notes: string | null;
  carrier: Config['carrier'];
  balanceUssd: string | null;
  resetHook: Config['modem']['resetHook'];
  /** Country calling code for national numbers; null: from the SIM's country. */
  countryCode: string | null;
  /** Currency of figures printed without one; null: the carrier profile's. */
  currency: string | null;
  /** The carrier a line with no port simulates. */
  simulated: SimulatedCarrier | null;
}

/** The name of the one line of a box configured the older way (`modem:`). */
export const MAIN_LINE = 'main';

/** What `gsmkeeper run` starts with no modem configured: two simulated lines on two carriers. */
export const DEMO_LINES: LineInput[] = [
  { name: MAIN_LINE, simulator: { carrier: 'vivacom' } },
  { name: 'a1', simulator: { carrier: 'a1' } },
];

/**
 * The box's lines. With no `lines:` the one line is `main`, from `modem:`, `carrier:` and
 * `credit.balanceUssd`, as before there were lines; a single line under `lines:` takes those too.
 * With several lines, a SIM's carrier facts belong to its line (checkLines refuses them at the top).
 */
export function linesOf(config: Config): LineConfig[] {
  const { modem } = config;
  if (!config.lines) {
    return [{
      name: MAIN_LINE, port: modem.port, baud: modem.baud, ussdEncoding: modem.ussdEncoding, number: null, notes: null,
      carrier: config.carrier, balanceUssd: config.credit.balanceUssd, resetHook: modem.resetHook, countryCode: null, currency: null,
      simulated: modem.port ? null : 'vivacom',
    }];
  }
  const single = config.lines.length === 1;
  return config.lines.map((line) => ({
    name: line.name,
    port: line.port ?? null,
    baud: line.baud ?? modem.baud,
    ussdEncoding: line.ussdEncoding ?? modem.ussdEncoding,
    number: line.number ?? null,
    notes: line.notes ?? null,
    carrier: {
      rechargeUssd: line.carrier?.rechargeUssd ?? (single ? config.carrier.rechargeUssd : null),
      codeLengths: line.carrier?.codeLengths ?? (single ? config.carrier.codeLengths : null),
    },
    balanceUssd: line.balanceUssd ?? (single ? config.credit.balanceUssd : null),
    resetHook: line.resetHook === undefined ? modem.resetHook : line.resetHook,
    countryCode: line.countryCode ?? null,
    currency: line.currency ?? null,
    simulated: line.port ? null : (line.simulator?.carrier ?? 'vivacom'),
  }));
}

/** What the schema cannot say about lines, in words; null when all is well. */
export function lineProblems(config: Config): string | null {
  const lines = config.lines;
  if (!lines) {
    return config.routing.defaultLine !== null && config.routing.defaultLine !== MAIN_LINE
      ? `routing.defaultLine "${config.routing.defaultLine}" names no line (the one line is ${MAIN_LINE})`
      : null;
  }
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(line.name)) return `lines: two lines are named "${line.name}"`;
    seen.add(line.name);
  }
  const ports = lines.map((line) => line.port).filter((port): port is string => typeof port === 'string');
  const shared = ports.find((port, i) => ports.indexOf(port) !== i);
  if (shared) return `lines: two lines use the port ${shared}`;
  const simulatedWithPort = lines.find((line) => line.port && line.simulator);
  if (simulatedWithPort) return `lines: line "${simulatedWithPort.name}" has a port, so it is not simulated (drop its simulator)`;
  if (config.modem.port) return 'modem.port and lines: give each line its own port (lines[].port)';
  if (lines.length > 1) {
    const topLevel = [
      ...(config.carrier.rechargeUssd !== null ? ['carrier.rechargeUssd'] : []),
      ...(config.carrier.codeLengths !== null ? ['carrier.codeLengths'] : []),
      ...(config.credit.balanceUssd !== null ? ['credit.balanceUssd'] : []),
    ];
    if (topLevel.length) return `${topLevel.join(', ')}: with several lines, a SIM's carrier facts go with its line (lines[].carrier, lines[].balanceUssd)`;
  }
  if (config.routing.defaultLine !== null && !seen.has(config.routing.defaultLine)) {
    return `routing.defaultLine "${config.routing.defaultLine}" names no line (the lines are ${[...seen].join(', ')})`;
  }
  return null;
}
