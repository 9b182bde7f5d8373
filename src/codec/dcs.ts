export type Alphabet = 'gsm7' | '8bit' | 'ucs2';

export interface SmsDcs {
  alphabet: Alphabet;
  /** 0 = flash, 1 = ME-specific, 2 = SIM-specific, 3 = TE-specific; null when the DCS sets none. */
  messageClass: 0 | 1 | 2 | 3 | null;
  compressed: boolean;
}

/** SMS data coding scheme (TS 23.038 §4). Reserved values fall back to GSM 7-bit, as the spec asks. */
export function decodeSmsDcs(dcs: number): SmsDcs {
  const group = dcs >> 4;
  if (group <= 0x7) {
    // General data coding (00xx) and automatic-deletion (01xx) groups share the low-bit layout.
    const alphabetBits = (dcs >> 2) & 0x03;
    return {
      alphabet: alphabetBits === 1 ? '8bit' : alphabetBits === 2 ? 'ucs2' : 'gsm7',
      messageClass: (dcs & 0x10) !== 0 ? ((dcs & 0x03) as 0 | 1 | 2 | 3) : null,
      compressed: (dcs & 0x20) !== 0,
    };
  }
  if (group === 0xc || group === 0xd) return { alphabet: 'gsm7', messageClass: null, compressed: false };
  if (group === 0xe) return { alphabet: 'ucs2', messageClass: null, compressed: false };
  if (group === 0xf) {
    return { alphabet: (dcs & 0x04) !== 0 ? '8bit' : 'gsm7', messageClass: (dcs & 0x03) as 0 | 1 | 2 | 3, compressed: false };
  }
  return { alphabet: 'gsm7', messageClass: null, compressed: false };
}

export function smsDcsFor(alphabet: Alphabet): number {
  return alphabet === 'ucs2' ? 0x08 : alphabet === '8bit' ? 0x04 : 0x00;
}
