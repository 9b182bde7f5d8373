import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskDigits, maskSecrets, redactCommandText, registerSecret } from '../../src/log/secrets.js';

describe('a code is masked however its digits are grouped', () => {
  it.each([
    ['804079387408127', '***********8127'],
    ['8040-7938-7408-127', '****-****-***8-127'],
    ['80407-93874-08127', '*****-*****-*8127'],
    ['8040 7938 7408 127', '**** **** ***8 127'],
    ['8040.7938.7408.127', '****.****.***8.127'],
    ['8040/7938/7408/127', '****/****/***8/127'],
    ['8040 - 7938 - 7408 - 127', '**** - **** - ***8 - 127'],
    ['8040\u00a07938\u00a07408\u00a0127', '****\u00a0****\u00a0***8\u00a0127'],
    ['8040\u20137938\u20137408\u2013127', '****\u2013****\u2013***8\u2013127'],
    ['8040\u202f7938\u202f7408\u202f127', '****\u202f****\u202f***8\u202f127'],
    // Fullwidth digits, as some phones write them in UCS2 messages.
    ['８０４０７９３８７４０８１２７', '***********８１２７'],
    ['1 2 3 4 5', '* 2 3 4 5'],
    ['12345', '*2345'],
    ['1234', '1234'],
    ['12 34', '12 34'],
    // Four separators are no longer one code.
    ['1234    5678', '1234    5678'],
    // A comma or a letter ends a run: parameters stay apart.
    ['CREDITCFG ON,5,7', 'CREDITCFG ON,5,7'],
    ['5.00 EUR', '5.00 EUR'],
    ['', ''],
  ])('%s → %s', (text, shown) => {
    expect(maskDigits(text)).toBe(shown);
  });
});

describe('command texts kept and shown', () => {
  it.each([
    ['*123456 Ph 0888123456 Credit 123456789012345', '*•••••• Ph ******3456 Credit ***********2345'],
    ['*123456 CREDIT 8040-7938-7408-127', '*•••••• CREDIT ****-****-***8-127'],
    ['*123456 CREDIT 8040 7938 7408 127', '*•••••• CREDIT **** **** ***8 127'],
    ['*123456 КРЕДИТ 8040 7938 7408 127', '*•••••• КРЕДИТ **** **** ***8 127'],
    ['*123456 кредит 8040–7938–7408–127 моля', '*•••••• кредит ****–****–***8–127 моля'],
    ['*123456 STAT?', '*•••••• STAT?'],
    ['*12345 STAT?', '*••••• STAT?'],
    ['*pass-word STAT?', '*••••••••• STAT?'],
    ['STAT? without a star 12', 'STAT? without a star 12'],
    ['hello *99', 'hello *••'],
    ['* 123456 STAT?', '* **3456 STAT?'],
    ['*123456 PWD 654321', '*•••••• PWD ••••••'],
    ['*123456 pwd 65 43 21', '*•••••• pwd •• •• ••'],
    ['*123456 PH 0888123456 PWD 654321', '*•••••• PH ******3456 PWD ••••••'],
    ['padding 2026 *123456 STAT?', 'padding 2026 *•••••• STAT?'],
    ['*123456 804079387408127', '*•••••• ***********8127'],
  ])('%s → %s', (text, shown) => {
    expect(redactCommandText(text)).toBe(shown);
  });

  it('aRedactedTextHasNoDigitRunLeftToMask', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
      const shown = redactCommandText(text);
      expect(maskDigits(shown)).toBe(shown);
    }));
  });

  it('noMaskedTextKeepsFiveDigitsOfOneRun', () => {
    const typed = fc.array(fc.constantFrom('0', '7', '9', ' ', '-', '.', '/', 'a', ',', '\u00a0', '٣'), { maxLength: 60 }).map((chars) => chars.join(''));
    fc.assert(fc.property(typed, (text) => {
      // After masking, no five digits are left within one group-joined run.
      expect(maskDigits(maskDigits(text))).toBe(maskDigits(text));
      const runs = maskDigits(text).split(/[^\p{Nd}*\s\-./\u00a0]+/u);
      for (const run of runs) expect(/(\p{Nd}[\s\-./\u00a0]{0,3}){5}/u.test(run)).toBe(false);
    }));
  });
});

describe('log lines', () => {
  it('aRegisteredCodeIsMaskedWhereverItsDigitsAppearAsOneRun', () => {
    registerSecret('937914491097478');
    expect(maskSecrets('{"ussd":"*101#937914491097478#"}')).toBe('{"ussd":"*101#***********7478#"}');
    expect(maskSecrets('{"text":"CREDIT 9379-1449-1097-478"}')).toBe('{"text":"CREDIT ****-****-***7-478"}');
    expect(maskSecrets('{"text":"9379 1449 1097 478 и още"}')).toBe('{"text":"**** **** ***7 478 и още"}');
  });

  it('otherFiguresInALogLineStayReadable', () => {
    registerSecret('937914491097478');
    const line = '{"time":"2026-11-21T10:00:00.000Z","balance":"7.50 EUR","command":12345}';
    expect(maskSecrets(line)).toBe(line);
  });

  it('aCodeTypedWithSeparatorsIsRegisteredByItsDigits', () => {
    registerSecret('5511 2233 4455 667');
    expect(maskSecrets('dialled 551122334455667')).toBe('dialled ***********5667');
  });

  it('aShorterCodeRegisteredInsideALongerOneLeavesOnlyTheLongerOnesLastFourShowing', () => {
    // A 14-digit card (A1's length) that is the start or the end of a 15-digit one (Vivacom's).
    registerSecret('41825570931164');
    registerSecret('418255709311647');
    registerSecret('28366190457512');
    registerSecret('928366190457512');
    expect(maskSecrets('dialled *101#418255709311647#')).toBe('dialled *101#***********1647#');
    expect(maskSecrets('card 9283-6619-0457-512 taken')).toBe('card ****-****-***7-512 taken');
    expect(maskSecrets('cards 41825570931164 and 418255709311647')).toBe('cards **********1164 and ***********1647');
  });

  it('aPartOfACodeOfFiveDigitsOrMoreIsMaskedToo', () => {
    registerSecret('478960561192943');
    // A code split over two lines of the modem's output: each line is logged alone.
    expect(maskSecrets('{"msg":"+CUSD: 0,\\"Card 4789"}')).toBe('{"msg":"+CUSD: 0,\\"Card 4789"}');
    expect(maskSecrets('{"msg":"  6056  119  2943 Beste klant"}')).toBe('{"msg":"  ****  ***  2943 Beste klant"}');
    expect(maskSecrets('echoed 78960 only')).toBe('echoed *8960 only');
    expect(maskSecrets('order 47896 0561')).toBe('order ***** 0561');
    expect(maskSecrets('other 47891 figures 2026')).toBe('other 47891 figures 2026');
  });

  it('aLogLinesTimeAndTheDatesItPrintsStayWhenTheyShareFiveDigitsWithACode', () => {
    registerSecret('770261202068981');
    const line = '{"time":"2026-12-02T10:23:06.898Z","msg":"Valid until 02.12.2026"}';
    expect(maskSecrets(line)).toBe(line);
    expect(maskSecrets('card 26120 2068 981')).toBe('card ***** ***8 981');
  });

  it('aLogLinesIdsStayNumbersWhenTheyShareFiveDigitsWithACode', () => {
    registerSecret('555510451777123');
    expect(maskSecrets('{"command":10451,"ids":[10451],"msg":"AT+CMGR=10451"}')).toBe('{"command":10451,"ids":[10451],"msg":"AT+CMGR=*0451"}');
  });

  it('aPartIsMaskedForTheLatestCodesAndAWholeCodeForAllOfThem', () => {
    registerSecret('600011122233344');
    for (let i = 0; i < 40; i++) registerSecret(`90000000000${String(1000 + i)}`);
    // Long after: the code whole is still masked; 5 digits of it are any other number now.
    expect(maskSecrets('card 600011122233344')).toBe('card ***********3344');
    expect(maskSecrets('order 11122 of 5')).toBe('order 11122 of 5');
    expect(maskSecrets('card 9000000000001039 and part 0001039')).toBe('card ************1039 and part ***1039');
  });

  it('aWireFormHoldingAShorterRegisteredOneShowsOnlyItsOwnLastFour', () => {
    registerSecret('C36A3D56C');
    registerSecret('B19A0C36A3D56C7B1');
    expect(maskSecrets('AT+CUSD=1,"B19A0C36A3D56C7B1",15')).toBe('AT+CUSD=1,"*************C7B1",15');
  });

  it('wireFormsThatOverlapAreHiddenAsOneSpan', () => {
    registerSecret('D1E2F3A4B5', 'A4B5C6D7E8');
    expect(maskSecrets('x D1E2F3A4B5C6D7E8 y')).toBe('x ************D7E8 y');
  });

  it('aCodesDigitsInsideAWireFormDoNotShieldTheRestOfIt', () => {
    // The code's digits are masked as a run, and the wire form around them still as a whole.
    registerSecret('7730018264');
    registerSecret('AA7730018264B9F1E0');
    expect(maskSecrets('AT+CUSD=1,"AA7730018264B9F1E0",15')).toBe('AT+CUSD=1,"**************F1E0",15');
  });

  it('wireFormsAreMaskedAsTheyAre', () => {
    registerSecret('B19A0C36A3D56C');
    expect(maskSecrets('AT+CUSD=1,"B19A0C36A3D56C",15')).toBe('AT+CUSD=1,"**********D56C",15');
  });
});
