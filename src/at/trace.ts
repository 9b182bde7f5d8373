/** Runs of this many hex digits or more are shown by their length only. */
const HEX_RUN = /[0-9A-Fa-f]{10,}/g;

/**
 * A modem line as logs may show it. A PDU (from `+CMGR`, `+CMGL`, `+CMT`, or a body the modem
 * echoes) decodes to whatever the sender wrote — a password, a voucher code — and so does a long
 * run of digits: every run of 10 hex digits or more becomes its length, the rest of the line stays
 * as the modem printed it (`+CMGR: 0,,42` then `<PDU of 56 octets>`).
 */
export function shapeOf(line: string): string {
  const whole = /^"?([0-9A-Fa-f]+)"?$/.exec(line);
  if (whole && whole[1]!.length >= 10) return whole[1]!.length % 2 === 0 ? `<PDU of ${whole[1]!.length / 2} octets>` : `<${whole[1]!.length} hex digits>`;
  return line.replace(HEX_RUN, (run) => `<${run.length} hex digits>`);
}
