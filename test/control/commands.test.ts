import { describe, expect, it } from 'vitest';
import type { Channel } from '../../src/store/channel.js';
import { interpret, type Execution } from '../../src/control/processor.js';
import { HELP_TEXT } from '../../src/control/handlers/help.js';
import { septetLength } from '../../src/codec/gsm7.js';
import { fakeControl, type FakeControl } from '../helpers/fake-control.js';

const CONFIG_NUMBER = '+359888000999';
const OTHER = '+359888000111';

async function run(ctx: FakeControl, text: string, sender = CONFIG_NUMBER, channel: Channel = 'sms'): Promise<Execution> {
  const interpretation = interpret(text, { sender, channel, commandId: 1 }, ctx);
  if (interpretation.kind !== 'run') throw new Error(`dropped: ${interpretation.reason}`);
  return interpretation.execute();
}

describe('info commands always answer', () => {
  it('HELP? lists every command in one GSM 7-bit SMS', async () => {
    const reply = await run(fakeControl(), '*123456 HELP?');
    expect(reply).toEqual({ text: HELP_TEXT, replyTo: null, send: true, ok: true });
    expect(septetLength(HELP_TEXT)).toBeLessThanOrEqual(160);
    for (const name of ['CREDIT', 'CREDIT?', 'STAT?', 'CREDITCFG', 'PWD', 'PHADD', 'PHDEL', 'PHGR?', 'USSD', 'LANG', 'RESET']) expect(HELP_TEXT).toContain(name);
  });

  it.each([
    [{ kind: 'fresh', cents: 750, currency: 'EUR', validUntil: '2027-11-22' } as const, 'Balance: 7.50 EUR. Valid until 22.11.2027.'],
    [{ kind: 'last-known', cents: 250, currency: 'EUR', validUntil: null, checkedAt: new Date(Date.now() - 2 * 3600_000).toISOString(), why: 'no balance code for Vivacom' } as const, 'Balance 2.50 EUR, valid until ?, as of 2h ago (no balance code for Vivacom).'],
    [{ kind: 'unknown', why: 'no balance code for Vivacom' } as const, 'Balance unknown: no balance code for Vivacom.'],
  ])('CREDIT? reports %o', async (balance, text) => {
    expect((await run(fakeControl({ balance }), '*123456 CREDIT?')).text).toBe(text);
  });

  it('CREDITCFG? describes the credit control option', async () => {
    expect((await run(fakeControl(), '*123456 creditcfg?')).text).toBe('Credit control ON. Low balance alert: 2.00 EUR. Validity alert: 7 days. Check: 0 9 * * *.');
  });

  it('PHGR? lists a group, or says it is empty', async () => {
    const ctx = fakeControl();
    ctx.groupData.notify.push('+359888111222');
    expect((await run(ctx, '*123456 PHGR? Notify')).text).toBe('Notify: +359888111222');
    expect((await run(ctx, '*123456 PHGR? config')).text).toBe('Config: (empty)');
    expect(await run(ctx, '*123456 PHGR? Friends')).toMatchObject({ text: 'Usage: PHGR? Config|Command|Notify', send: true });
  });
});

describe('unknown commands', () => {
  it('anUnknownWordIsEchoedWithItsDigitsMasked', async () => {
    // A code sent without CREDIT, grouped or not, never comes back in full.
    expect((await run(fakeControl(), '*123456 8040-7938-7408-127')).text).toBe('Unknown command: ****-****-***8-127');
    expect((await run(fakeControl(), '*123456 804079387408127')).text).toBe('Unknown command: ***********8127');
    expect((await run(fakeControl(), '*123456 FOO')).text).toBe('Unknown command: FOO');
  });
});

describe('config commands: silent on success unless PH, always on error', () => {
  it('CREDITCFG ON,2.50,10 stores the option and stays silent', async () => {
    const ctx = fakeControl();
    const reply = await run(ctx, '*123456 CREDITCFG ON,2.50,10');
    expect(reply.send).toBe(false);
    expect(ctx.settings.credit).toEqual({ enabled: true, lowBalance: 2.5, validityDays: 10 });
  });

  it('CREDITCFG OFF with PH answers to that number; empty fields keep their values; 0 turns an alert off', async () => {
    const ctx = fakeControl();
    const reply = await run(ctx, '*123456 PH 0888123456 CREDITCFG OFF,,0');
    expect(reply).toMatchObject({ replyTo: '0888123456', send: true, text: 'Credit control OFF. Low balance alert: 2.00 EUR. Validity alert: off. Check: 0 9 * * *.' });
  });

  it.each([true, false])('anEmptySwitchFieldKeepsCreditControlAsItIs (%s)', async (enabled) => {
    const ctx = fakeControl();
    ctx.settings.credit = { ...ctx.settings.credit, enabled };
    expect((await run(ctx, '*123456 CREDITCFG ,2.50,10')).ok).toBe(true);
    expect(ctx.settings.credit).toEqual({ enabled, lowBalance: 2.5, validityDays: 10 });
    expect((await run(ctx, '*123456 CREDITCFG ,,0')).ok).toBe(true);
    expect(ctx.settings.credit).toEqual({ enabled, lowBalance: 2.5, validityDays: null });
  });

  it.each([
    ['*123456 CREDITCFG MAYBE', /^Usage: CREDITCFG/],
    ['*123456 CREDITCFG', /^Usage: CREDITCFG/],
    ['*123456 CREDITCFG ,abc', /^Bad threshold "abc"/],
    ['*123456 CREDITCFG ON,2.505', /^Bad threshold "2.505"/],
    ['*123456 CREDITCFG ON,abc', /^Bad threshold "abc"/],
    ['*123456 CREDITCFG ON,1,400', /^Bad days "400"/],
  ])('%s answers an error', async (text, pattern) => {
    const reply = await run(fakeControl(), text);
    expect(reply.text).toMatch(pattern);
  });

  it('CREDITCFG RESET clears the attempt lock', async () => {
    const ctx = fakeControl();
    expect((await run(ctx, '*123456 PH 0888123456 CREDITCFG RESET')).text).toBe('Recharge attempt lock reset.');
    expect(ctx.resets).toBe(1);
  });

  it('PWD changes the password; the next command needs the new one', async () => {
    const ctx = fakeControl();
    expect((await run(ctx, '*123456 PWD 654321')).send).toBe(false);
    expect(ctx.settings.password).toBe('654321');
    expect(interpret('*123456 STAT?', { sender: CONFIG_NUMBER, channel: 'sms', commandId: 2 }, ctx)).toEqual({ kind: 'drop', reason: 'wrong-password' });
  });

  it.each([
    ['*123456 PWD 12345', 'Password must be 6 digits.'],
    ['*123456 PWD abcdef', 'Password must be 6 digits.'],
    ['*123456 PWD 123456', 'Password must not be the default.'],
  ])('%s is refused: %s', async (text, message) => {
    const ctx = fakeControl();
    expect(await run(ctx, text)).toMatchObject({ text: message, send: true });
    expect(ctx.settings.password).toBe('123456');
  });

  it('PHADD and PHDEL manage groups of at most 4, in canonical form', async () => {
    const ctx = fakeControl();
    expect((await run(ctx, '*123456 PH 0888123456 PHADD Notify,0888111222')).text).toBe('0888111222 added to Notify.');
    expect(ctx.groupData.notify).toEqual(['+359888111222']);
    expect((await run(ctx, '*123456 PH 0888123456 PHADD notify,+359888111222')).text).toBe('+359888111222 already in Notify.');
    for (const n of ['0888000001', '0888000002', '0888000003']) await run(ctx, `*123456 PHADD Notify,${n}`);
    expect((await run(ctx, '*123456 PHADD Notify,0888000004')).text).toBe('Notify group is full (4 numbers).');
    expect((await run(ctx, '*123456 PHDEL Notify,0888000009')).text).toBe('0888000009 is not in Notify.');
    expect((await run(ctx, '*123456 PHDEL Notify,0888111222')).send).toBe(false);
    expect(ctx.groupData.notify).toHaveLength(3);
    expect((await run(ctx, '*123456 PHADD Notify,12ab')).text).toMatch(/^Usage: PHADD/);
  });

  it('USSD sends only digits, * and #, and always answers', async () => {
    const ctx = fakeControl();
    expect(await run(ctx, '*123456 USSD *102#')).toMatchObject({ text: 'USSD: answer to *102#', send: true });
    expect((await run(ctx, '*123456 USSD *102#",0;AT+CFUN=0')).text).toBe('USSD code may contain only 0-9, * and #.');
    expect(ctx.ussdCodes).toEqual(['*102#']);
  });

  it('LANG BG switches replies to Bulgarian, transliterated to fit GSM 7-bit', async () => {
    const ctx = fakeControl();
    expect((await run(ctx, '*123456 PH 0888123456 LANG BG')).text).toBe('Otgovorite sa na balgarski.');
    expect((await run(ctx, '*123456 FLY')).text).toBe('Nepoznata komanda: FLY');
    ctx.settings.bulgarianScript = 'cyrillic';
    expect((await run(ctx, '*123456 FLY')).text).toBe('Непозната команда: FLY');
  });

  it('LANG from a phone is its own: another number is still answered in the box language', async () => {
    const ctx = fakeControl();
    expect((await run(ctx, '*123456 LANG BG', OTHER)).send).toBe(false);
    expect((await run(ctx, '*123456 FLY', OTHER)).text).toBe('Nepoznata komanda: FLY');
    expect((await run(ctx, '*123456 FLY', CONFIG_NUMBER)).text).toBe('Unknown command: FLY');
    expect((await run(ctx, '*123456 LANG?', OTHER)).text).toBe('Otgovori na balgarski; po podrazbirane angliyski.');
    expect(ctx.settings.language).toBe('en');
  });

  it('LANG over HTTP, or LANG BG,DEFAULT from a Config number, sets the box language; from another number it is refused', async () => {
    const ctx = fakeControl();
    expect((await run(ctx, '*123456 PH 0888000111 LANG BG,DEFAULT', OTHER)).text).toBe('Only Config group numbers may do that.');
    expect(ctx.settings.language).toBe('en');
    expect((await run(ctx, '*123456 PH 0888000999 LANG BG,DEFAULT', CONFIG_NUMBER)).text).toBe('Otgovorite po podrazbirane sa na balgarski.');
    expect(ctx.settings.language).toBe('bg');
    await run(ctx, '*123456 LANG EN', 'http:127.0.0.1', 'http');
    expect(ctx.settings.language).toBe('en');
    expect(ctx.senderLanguages.size).toBe(0);
    expect((await run(ctx, '*123456 LANG FR')).text).toBe('Usage: LANG EN|BG[,DEFAULT]');
  });

  it('DIALOGUE ON|OFF switches the recharge dialogue, for Config numbers only', async () => {
    const ctx = fakeControl();
    expect((await run(ctx, '*123456 DIALOGUE ON', OTHER)).text).toBe('Only Config group numbers may do that.');
    expect(ctx.settings.dialogue).toBe(false);
    expect(await run(ctx, '*123456 DIALOGUE ON')).toMatchObject({ send: false });
    expect(ctx.settings.dialogue).toBe(true);
    expect((await run(ctx, '*123456 DIALOGUE?', OTHER)).text).toMatch(/^Recharge dialogue ON/);
    expect((await run(ctx, '*123456 DIALOGUE MAYBE')).text).toBe('Usage: DIALOGUE ON|OFF');
  });

  it('RESET restarts the modem silently', async () => {
    const ctx = fakeControl();
    expect((await run(ctx, '*123456 RESET', OTHER)).send).toBe(false);
    expect(ctx.restarts).toBe(1);
  });

  it('a number outside the Config group may not configure by SMS, but the HTTP token holder may', async () => {
    const ctx = fakeControl();
    expect(await run(ctx, '*123456 PWD 777777', OTHER)).toMatchObject({ text: 'Only Config group numbers may do that.', send: true });
    expect(ctx.settings.password).toBe('123456');
    await run(ctx, '*123456 PWD 777777', 'http:127.0.0.1', 'http');
    expect(ctx.settings.password).toBe('777777');
  });
});
