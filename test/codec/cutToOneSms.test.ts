import { describe, expect, it } from 'vitest';
import { cutToOneSms, fitsOneSms, splitText } from '../../src/codec/split.js';
import { transliterate } from '../../src/control/transliterate.js';

const head = 'SMS from +359888123456: ';

describe('cutting a forwarded text to one SMS as it will go out', () => {
  it('leavesATextThatFitsAsItIs', () => {
    expect(cutToOneSms('Hello there', (body) => head + body)).toBe('Hello there');
  });

  it('cutsALatinTextToTheFullGsmPartWithDotsThatKeepItGsm', () => {
    const body = cutToOneSms('x'.repeat(400), (b) => head + b);
    const sms = head + body;
    expect(body.endsWith('...')).toBe(true);
    expect(splitText(sms)).toEqual({ alphabet: 'gsm7', parts: [sms] });
    expect(sms).toHaveLength(160); // the whole part used, not a guess below it
  });

  it('cutsACyrillicTextToOneUcs2Part', () => {
    const sms = (b: string) => `SMS от +359888123456: ${b}`;
    const body = cutToOneSms('ж'.repeat(200), sms);
    expect(splitText(sms(body))).toMatchObject({ alphabet: 'ucs2', parts: [sms(body)] });
    expect(sms(body)).toHaveLength(70);
  });

  it('measuresTheTextAfterTransliterationWhichLengthensIt', () => {
    // "щ" goes out as "sht": three septets for one letter.
    const render = (b: string) => transliterate(`SMS ot +359888123456: ${b}`);
    const body = cutToOneSms('щ'.repeat(100), render);
    expect(fitsOneSms(render(body))).toBe(true);
    expect(fitsOneSms(render(`щ${body}`))).toBe(false);
  });

  it('givesNothingWhenEvenTheHeadDoesNotFit', () => {
    expect(cutToOneSms('abc', (b) => 'y'.repeat(170) + b)).toBe('');
  });
});
