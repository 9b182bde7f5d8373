/**
 * After each batch of hostile input, the box must still do its job: a STAT? from a phone with the
 * right password is answered within the bound, and nobody else got anything.
 */
import type { FuzzBox } from './box.js';
import { PASSWORD } from './texts.js';

/**
 * Each probe comes from a phone of its own: the daemon takes the same text from the same sender
 * within the same second (the SMS timestamp's resolution) as one SMS read twice.
 */
const PROBE_PREFIX = '+3598870';
let turn = 0;
const PROBE_BOUND_MS = 30_000;

/** Null when the box answered the probe in time, else what went wrong. */
export async function probe(box: FuzzBox): Promise<string | null> {
  const { simulator } = box.running;
  const PROBE_PHONE = `${PROBE_PREFIX}${String(turn++).padStart(5, '0')}`;
  const before = simulator.phoneMessages(PROBE_PHONE).length;
  simulator.sendSmsFromPhone(PROBE_PHONE, `*${PASSWORD} STAT?`);
  const deadline = Date.now() + PROBE_BOUND_MS;
  while (Date.now() < deadline) {
    const got = simulator.phoneMessages(PROBE_PHONE).slice(before);
    if (got.length) return /\bSignal -?\d+ ?dBm/.test(got[0]!.text) ? null : `the probe's STAT? was answered "${got[0]!.text}"`;
    await new Promise((r) => setTimeout(r, 20));
  }
  return `the probe's STAT? was not answered within ${PROBE_BOUND_MS / 1000} s`;
}

/**
 * Phones other than the probe's that received anything since the last call with the same `seen`
 * (which it brings up to date): after input with no right password, none may.
 */
export function answeredStrangers(box: FuzzBox, seen: Map<string, number>): string[] {
  const answered: string[] = [];
  for (const [number, messages] of Object.entries(box.running.simulator.state.phones)) {
    if (number.startsWith(PROBE_PREFIX) || messages.length <= (seen.get(number) ?? 0)) continue;
    answered.push(`${number}: ${messages[seen.get(number) ?? 0]!.text}`);
    seen.set(number, messages.length);
  }
  return answered;
}

/** `text` without the probe's phone numbers, which are the harness's own and may share 5 digits with a code. */
export function withoutProbePhones(text: string): string {
  return text.split(PROBE_PREFIX).map((part, i) => (i === 0 ? part : part.replace(/^\d{5}/, '<probe>'))).join('');
}
