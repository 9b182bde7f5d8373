import type { AtEngine } from '../at/engine.js';
import { isAtError } from '../at/errors.js';
import { parseCops, parseCreg, parseCsq, type Registration, type SignalQuality } from './parsers.js';

/**
 * Questions the modem answers without changing anything: what it is, the SIM's state and number,
 * the network it is on and how well it hears it.
 */

/** What the modem says it is (AT+CGMI, AT+CGMM, AT+CGMR); '' where it would not say. */
export interface ModemProduct {
  manufacturer: string;
  model: string;
  revision: string;
}

/** Manufacturer, model and firmware, each '' when the modem would not say. */
export async function identify(engine: AtEngine): Promise<ModemProduct> {
  const ask = (command: string) => engine.execute(command).then((r) => r.lines.join(' ').trim(), () => '');
  return { manufacturer: await ask('AT+CGMI'), model: await ask('AT+CGMM'), revision: await ask('AT+CGMR') };
}

/** The SIM's own number as stored on it (AT+CNUM), or null: many SIMs do not keep it. */
export async function ownNumber(engine: AtEngine): Promise<string | null> {
  const { lines } = await engine.execute('AT+CNUM').catch(() => ({ lines: [] as string[] }));
  for (const line of lines) {
    const match = /^\+CNUM:\s*"[^"]*"\s*,\s*"(\+?[0-9]{3,20})"/.exec(line);
    if (match) return match[1]!;
  }
  return null;
}

/**
 * Whether the SIM answers: READY, or absent (`+CME ERROR: 10`, `+CPIN: NOT INSERTED`), or locked
 * (a PIN or PUK is wanted). Throws when the modem itself does not answer.
 */
export async function simState(engine: AtEngine): Promise<'ready' | 'absent' | 'locked'> {
  try {
    const { lines } = await engine.execute('AT+CPIN?', { expect: '+CPIN:', timeoutMs: 5000 });
    const line = lines.find((l) => l.startsWith('+CPIN:')) ?? '';
    return /READY/.test(line) ? 'ready' : /NOT INSERTED/i.test(line) ? 'absent' : 'locked';
  } catch (err) {
    if (isAtError(err, 'cme') && (err.cmeCode === 10 || err.cmeCode === 13 || /not inserted/i.test(err.message))) return 'absent';
    throw err;
  }
}

export async function signal(engine: AtEngine): Promise<SignalQuality> {
  const { lines } = await engine.execute('AT+CSQ', { expect: '+CSQ:' });
  return parseCsq(lines.find((l) => l.startsWith('+CSQ:')) ?? '');
}

export async function registration(engine: AtEngine): Promise<Registration> {
  const { lines } = await engine.execute('AT+CREG?', { expect: '+CREG:' });
  return parseCreg(lines.find((l) => l.startsWith('+CREG:')) ?? '', true);
}

/** The registered network as MCC-MNC (numeric format set at init), or null when none. */
export async function operator(engine: AtEngine): Promise<string | null> {
  const { lines } = await engine.execute('AT+COPS?', { expect: '+COPS:' });
  return parseCops(lines.find((l) => l.startsWith('+COPS:')) ?? '');
}
