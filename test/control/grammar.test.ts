import { describe, expect, it } from 'vitest';
import { commandText, parseCommandText } from '../../src/control/grammar.js';
import { interpret } from '../../src/control/processor.js';
import { fakeControl } from '../helpers/fake-control.js';
import type { RechargeResult } from '../../src/recharge/result.js';

describe('command grammar', () => {
  it('reads the seed example: password, PH, command, code', () => {
    expect(parseCommandText('*123456 Ph 0888123456 Credit 1234567890123456')).toEqual({
      ok: true,
      command: { password: '123456', replyTo: '0888123456', name: 'CREDIT', query: false, params: ['1234567890123456'] },
    });
  });

  it('scans for the first * anywhere in the text', () => {
    expect(parseCommandText('hello *123456 STAT?')).toMatchObject({ ok: true, command: { name: 'STAT', query: true } });
  });

  it('is case-insensitive and treats runs of spaces as one', () => {
    expect(parseCommandText('*123456   pH   +359888123456    cReDiT    111')).toMatchObject({
      ok: true,
      command: { replyTo: '+359888123456', name: 'CREDIT', params: ['111'] },
    });
  });

  it('accepts "STAT ?" as the info form too', () => {
    expect(parseCommandText('*123456 stat ?')).toMatchObject({ ok: true, command: { name: 'STAT', query: true, params: [] } });
  });

  it('splits parameters on commas', () => {
    expect(parseCommandText('*123456 PHADD Notify, +359888111222')).toMatchObject({ ok: true, command: { params: ['Notify', '+359888111222'] } });
  });

  it.each([
    ['no star', 'Credit 123', 'no-star'],
    ['star with nothing after it', '*', 'no-password'],
    ['password only', '*123456', 'no-command'],
    ['PH with letters', '*123456 PH 08881x3456 STAT?', 'bad-phone'],
    ['PH too short', '*123456 PH 12 STAT?', 'bad-phone'],
    ['PH without a number', '*123456 PH', 'bad-phone'],
  ])('%s → %s', (_name, text, reason) => {
    expect(parseCommandText(text)).toMatchObject({ ok: false, reason });
  });

  it('writesACommandAsAnSmsCarriesItAfterThePassword', () => {
    expect(commandText('CREDITCFG', ['ON', '3.50'])).toBe('CREDITCFG ON,3.50');
    expect(commandText('CREDITCFG', ['ON', '', '7'])).toBe('CREDITCFG ON,,7');
    expect(commandText('PHADD', ['Notify', '0888 123  456'])).toBe('PHADD Notify,0888 123  456');
    expect(parseCommandText(`*123456 ${commandText('PHADD', ['Notify', '0888 123  456'])}`)).toMatchObject({ ok: true, command: { name: 'PHADD', params: ['Notify', '0888 123 456'] } });
    // An empty field is as good as none: PWD with nothing is "PWD".
    expect(commandText('PWD', [''])).toBe('PWD');
  });

  it.each([
    ['a comma that would split a field', 'CREDITCFG', ['ON', '2,5']],
    ['a lone ? that would make it a query', 'LANG', ['?']],
  ])('cannotWriteAFieldWith %s', (_name, name, params) => {
    expect(commandText(name, params)).toBeNull();
  });
});

function context(result: RechargeResult = { kind: 'invalid-code' }) {
  return fakeControl({ recharge: result });
}

const meta = { sender: '+359888123456', channel: 'sms' as const, commandId: 1 };

describe('interpretation', () => {
  it.each([
    ['no star', 'Credit 123456789012345', 'no-star'],
    ['wrong password', '*654321 STAT?', 'wrong-password'],
    ['a password prefix is not the password', '*12345 STAT?', 'wrong-password'],
    ['wrong password with a bad PH', '*654321 PH x STAT?', 'wrong-password'],
  ])('%s is dropped silently (%s)', (_name, text, reason) => {
    const ctx = context();
    expect(interpret(text, meta, ctx)).toEqual({ kind: 'drop', reason });
    expect(ctx.requests).toEqual([]);
  });

  it('routes the reply to the PH number', async () => {
    const ctx = context({ kind: 'disabled' });
    const result = interpret('*123456 Ph 0888123456 Credit 123456789012345', meta, ctx);
    expect(result.kind).toBe('run');
    if (result.kind !== 'run') return;
    await expect(result.execute()).resolves.toEqual({ text: 'Card credit control option disabled!', replyTo: '0888123456', send: true, ok: true });
    expect(ctx.requests).toEqual([{ code: '123456789012345', requestedBy: '+359888123456', commandId: 1 }]);
  });

  it.each([
    [{ kind: 'invalid-code' } as RechargeResult, 'Invalid Security Code!'],
    [{ kind: 'disabled' } as RechargeResult, 'Card credit control option disabled!'],
    [{ kind: 'unavailable' } as RechargeResult, 'Add Credit operation is Unavailable!'],
  ])('answers the seed text for %o', async (result, text) => {
    const run = interpret('*123456 CREDIT 123456789012345', meta, context(result));
    if (run.kind !== 'run') throw new Error('expected a run');
    expect((await run.execute()).text).toBe(text);
  });

  it('answers Invalid Security Code! for CREDIT with no code, without asking the recharge service', async () => {
    const ctx = context({ kind: 'disabled' });
    const run = interpret('*123456 CREDIT', meta, ctx);
    if (run.kind !== 'run') throw new Error('expected a run');
    expect((await run.execute()).text).toBe('Invalid Security Code!');
    expect(ctx.requests).toEqual([]);
  });

  it('tells an authorised sender about an unknown command', async () => {
    const run = interpret('*123456 FLY 1', meta, context());
    if (run.kind !== 'run') throw new Error('expected a run');
    expect((await run.execute()).text).toBe('Unknown command: FLY');
  });

  it('answers a bad PH number to the sender with a clear error', async () => {
    const run = interpret('*123456 PH 12ab STAT?', meta, context());
    if (run.kind !== 'run') throw new Error('expected a run');
    expect(await run.execute()).toEqual({ text: 'Invalid phone number!', replyTo: null, send: true, ok: false });
  });
});

describe('CREDITCFG RESET', () => {
  async function run(text: string, sender: string) {
    const run = interpret(text, { ...meta, sender }, context());
    if (run.kind !== 'run') throw new Error('expected a run');
    return (await run.execute()).text;
  }

  it('resets the attempt lock for a Config number', async () => {
    expect(await run('*123456 CREDITCFG RESET', '+359888000999')).toBe('Recharge attempt lock reset.');
  });

  it('refuses anyone outside the Config group', async () => {
    expect(await run('*123456 creditcfg reset', '+359888000111')).toBe('Only Config group numbers may do that.');
  });
});

describe('replies in Bulgarian', () => {
  it('the blocked-card warning exists in both languages and fits one GSM 7-bit SMS', async () => {
    const { blockedWarning } = await import('../../src/control/texts.js');
    const { transliterate } = await import('../../src/control/transliterate.js');
    const { septetLength } = await import('../../src/codec/gsm7.js');
    for (const lang of ['en', 'bg'] as const) expect(septetLength(transliterate(blockedWarning(lang)))).toBeLessThanOrEqual(160);
    expect(blockedWarning('bg')).toMatch(/заключено/);
    expect(transliterate(blockedWarning('bg'))).toMatch(/zaklyucheno/);
  });

  it('seed texts stay verbatim in Bulgarian mode', async () => {
    const { rechargeReply } = await import('../../src/control/texts.js');
    expect(rechargeReply({ kind: 'invalid-code' }, 'bg')).toBe('Invalid Security Code!');
    expect(rechargeReply({ kind: 'rejected', masked: '***********2345', attemptsLeft: 1, windowHours: 24 }, 'bg')).toMatch(/Остават 1 опита/);
  });
});
