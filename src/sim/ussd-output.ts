import { bytesToHex } from '../codec/hex.js';
import { canEncodeGsm7, textToSeptetsLossy } from '../codec/gsm7.js';
import { encodeUcs2 } from '../codec/ucs2.js';
import { textToGsmCodes, type Cscs } from '../codec/ussd-text.js';

/**
 * How a modem prints a network's USSD answer under its character set: a text that fits GSM 7-bit
 * comes with DCS 15 and is printed in the CSCS (GSM codes, ASCII, septets as hex, or UCS2 hex);
 * anything else comes as UCS2 (DCS 72), which modems print as hex whatever the CSCS.
 */
export function printUssdAnswer(text: string, cscs: Cscs): { printed: string; dcs: number } {
  if (!canEncodeGsm7(text)) return { printed: bytesToHex(encodeUcs2(text)), dcs: 72 };
  switch (cscs) {
    case 'UCS2':
      return { printed: bytesToHex(encodeUcs2(text)), dcs: 15 };
    case 'HEX':
      return { printed: bytesToHex(Uint8Array.from(textToSeptetsLossy(text))), dcs: 15 };
    case 'GSM':
      return { printed: textToGsmCodes(text), dcs: 15 };
    case 'IRA':
      return { printed: text.replace(/[^\x20-\x7e\r\n]/g, '?'), dcs: 15 };
  }
}
