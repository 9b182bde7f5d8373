/**
 * Mutations of valid inputs: the ways a line, a radio or a careless sender damages a PDU or a
 * modem's line — bits flipped, bytes changed, cut, repeated, lengths made to lie.
 */
import type { Random } from './random.js';

const HEX = '0123456789ABCDEF';

function hexByte(r: Random): string {
  return r.pick(['00', 'FF', '80', '7F', '01', 'A0', r.string(HEX, 2)]);
}

/** One to four mutations of a hex PDU, in hex octets, with now and then the hex itself damaged. */
export function mutateHex(r: Random, hex: string): string {
  let octets: string[] = hex.match(/../g) ?? [];
  const rounds = r.int(1, 4);
  for (let round = 0; round < rounds; round++) {
    const at = octets.length ? r.int(0, octets.length - 1) : 0;
    switch (r.int(0, 9)) {
      case 0: {
        const bit = 1 << r.int(0, 7);
        if (octets.length) octets[at] = (parseInt(octets[at]!, 16) ^ bit).toString(16).toUpperCase().padStart(2, '0');
        break;
      }
      case 1:
        if (octets.length) octets[at] = hexByte(r);
        break;
      case 2:
        octets.splice(at, 0, ...Array.from({ length: r.int(1, 8) }, () => hexByte(r)));
        break;
      case 3:
        octets.splice(at, r.int(1, 8));
        break;
      case 4:
        octets = octets.slice(0, at);
        break;
      case 5:
        octets.splice(at, 0, ...octets.slice(at, at + r.int(1, 40)));
        break;
      case 6:
        // A length field made to lie: the SMSC length, the sender's, the user data's or its header's.
        octets[r.pick([0, Math.min(2, octets.length), Math.min(3, octets.length), Math.max(0, octets.length - r.int(1, 140))])] = hexByte(r);
        break;
      case 7:
        octets.push(...Array.from({ length: r.int(1, 200) }, () => hexByte(r)));
        break;
      case 8:
        if (r.chance(0.2)) octets = [...octets, ...octets, ...octets, ...octets].concat(Array(r.int(0, 2000)).fill('41'));
        break;
      default:
        if (octets.length) octets[at] = octets[r.int(0, octets.length - 1)]!;
    }
  }
  let out = octets.join('');
  if (r.chance(0.05)) out = out.slice(0, -1);
  if (r.chance(0.03)) out = out.toLowerCase();
  if (r.chance(0.03)) out = `${out.slice(0, 10)}${r.pick([' ', 'G', '\r', '"', ','])}${out.slice(10)}`;
  return out;
}

/** One to four mutations of a text line: characters changed, inserted, cut, repeated. */
export function mutateText(r: Random, line: string, alphabet: string): string {
  let out = line;
  const rounds = r.int(1, 4);
  for (let round = 0; round < rounds; round++) {
    const at = r.int(0, out.length);
    switch (r.int(0, 6)) {
      case 0:
        out = `${out.slice(0, at)}${r.string(alphabet, 1)}${out.slice(at + 1)}`;
        break;
      case 1:
        out = `${out.slice(0, at)}${r.string(alphabet, r.int(1, 10))}${out.slice(at)}`;
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at + r.int(1, 20));
        break;
      case 3:
        out = out.slice(0, at);
        break;
      case 4:
        out = `${out.slice(0, at)}${out.slice(at, at + r.int(1, 30)).repeat(r.int(2, r.chance(0.1) ? 400 : 6))}${out.slice(at)}`;
        break;
      case 5:
        out = `${out.slice(0, at)}${r.pick(['"', ',', '\r', '\n', '\r\n', '\u0000', '\u00ff', ' '.repeat(r.int(1, 50))])}${out.slice(at)}`;
        break;
      default:
        out = `${out}${r.string(alphabet, r.int(1, 60))}`;
    }
  }
  return out;
}
