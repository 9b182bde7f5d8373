import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError } from '../../src/codec/errors.js';
import { decodePdu } from '../../src/codec/pdu.js';
import { decodeDeliver, encodeDeliver } from '../../src/codec/sms-deliver.js';
import { decodeSubmit, encodeSubmit } from '../../src/codec/sms-submit.js';
import { encodeUssdRequest, parseCusd } from '../../src/codec/ussd.js';
import { decodeUssdText } from '../../src/codec/ussd-text.js';
import { bytesToHex } from '../../src/codec/hex.js';

const GSM_CHARS = [...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà€[]{}^~|\\'];
const gsmText = fc.array(fc.constantFrom(...GSM_CHARS), { minLength: 0, maxLength: 400 }).map((a) => a.join(''));
// Any Unicode text, emoji and Cyrillic included (UCS2 with surrogate pairs).
const anyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 });
const number = fc.tuple(fc.boolean(), fc.stringMatching(/^[0-9]{3,15}$/)).map(([plus, digits]) => (plus ? `+${digits}` : digits));

describe('codec properties (fast-check)', () => {
  it('SUBMIT: any GSM 7-bit text survives encode → decode, split into parts and joined', () => {
    fc.assert(
      fc.property(gsmText, number, (text, to) => {
        const parts = encodeSubmit(to, text).map((p) => decodeSubmit(p.pdu));
        expect(parts.map((p) => p.text).join('')).toBe(text);
        expect(parts.every((p) => p.encoding === 'gsm7')).toBe(true);
        expect(parts.every((p) => p.to === to)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('SUBMIT: any Unicode text survives, UCS2 when it must be, never cutting a surrogate pair', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parts = encodeSubmit('+359888123456', text).map((p) => decodeSubmit(p.pdu));
        expect(parts.map((p) => p.text).join('')).toBe(text);
        for (const p of parts) expect(p.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
      }),
      { numRuns: 300 },
    );
  });

  it('DELIVER: what the simulated network encodes, the daemon decodes', () => {
    fc.assert(
      fc.property(gsmText.filter((t) => t.length <= 150 && t.length > 0), number, fc.date({ min: new Date('2001-01-01'), max: new Date('2069-12-31'), noInvalidDate: true }), (text, sender, date) => {
        const sms = decodeDeliver(encodeDeliver({ sender, text, date, offsetMinutes: 120 }));
        expect(sms.text).toBe(text);
        expect(sms.sender).toBe(sender);
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes never throw anything but a CodecError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 180 }), (bytes) => {
        try {
          decodePdu(bytesToHex(bytes));
        } catch (err) {
          expect(err).toBeInstanceOf(CodecError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('random +CUSD lines and hex never throw anything but a CodecError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom('GSM', 'HEX', 'UCS2', 'IRA') , fc.boolean(), (raw, dcs, cscs, packed) => {
        try {
          parseCusd(`+CUSD: 0,"${raw}",${dcs}`);
          decodeUssdText(raw, dcs, { cscs: cscs as 'GSM', packed });
        } catch (err) {
          expect(err).toBeInstanceOf(CodecError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('packed USSD requests round-trip for any code of digits, * and #', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9*#]{1,40}$/), (code) => {
        expect(decodeUssdText(encodeUssdRequest(code, 'packed'), 15, { packed: true })).toBe(code);
      }),
      { numRuns: 500 },
    );
  });
});
