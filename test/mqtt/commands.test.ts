import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/log/secrets.js';
import { MAX_COMMAND_BYTES, readCommand, readHaCommand } from '../../src/mqtt/commands.js';
import { BoxTopics } from '../../src/mqtt/topics.js';

const topics = new BoxTopics('gsmkeeper', 'box1');
const read = (body: unknown, properties?: { responseTopic?: string; correlationData?: Buffer }) =>
  readCommand(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), properties, topics);

describe('commands from the broker are read and checked before anything runs', () => {
  it('aTextCommandIsAnsweredOnResById', () => {
    expect(read({ id: 'a1', text: '*123456 STAT?' })).toEqual({
      ok: true, id: 'a1', expires: null, replyTo: { topic: 'gsmkeeper/box1/res/a1', correlation: null }, request: { kind: 'text', line: null, text: '*123456 STAT?', lang: null },
    });
  });

  it('aTextCommandMayNameTheLanguageOfItsAnswer', () => {
    expect(read({ id: 'a2', text: '*123456 CREDITCFG?', lang: 'bg' })).toMatchObject({ ok: true, request: { kind: 'text', lang: 'bg' } });
    expect(read({ id: 'a3', text: '*123456 CREDITCFG?', lang: 'fr' })).toMatchObject({ ok: false, code: 'bad_request' });
  });

  it('aRechargeOrATopUpMayNameTheLanguageOfItsAnswerInTheSameField', () => {
    expect(read({ id: 'r1', action: 'recharge', args: { code: '123456789012345' }, lang: 'bg' })).toMatchObject({ ok: true, request: { kind: 'recharge', lang: 'bg' } });
    expect(read({ id: 't1', action: 'top-up', lang: 'en' })).toMatchObject({ ok: true, request: { kind: 'top-up', lang: 'en' } });
    // Naming none leaves it to the box's language.
    expect(read({ id: 'r2', action: 'recharge', args: { code: '123456789012345' } })).toMatchObject({ ok: true, request: { kind: 'recharge', lang: null } });
    expect(read({ id: 't2', action: 'top-up' })).toMatchObject({ ok: true, request: { kind: 'top-up', lang: null } });
    expect(read({ id: 't3', action: 'top-up', lang: 'de' })).toMatchObject({ ok: false, id: 't3', code: 'bad_request' });
  });

  it('eachActionWithItsArguments', () => {
    expect(read({ id: 'r', action: 'recharge', args: { code: '123456789012345' }, line: 'main' })).toMatchObject({ ok: true, request: { kind: 'recharge', line: 'main', code: '123456789012345' } });
    expect(read({ id: 'b', action: 'check-balance' })).toMatchObject({ ok: true, request: { kind: 'check-balance', line: null } });
    expect(read({ id: 's', action: 'send-sms', args: { to: '+359888123456', text: 'hello' } })).toMatchObject({ ok: true, request: { kind: 'send-sms', to: '+359888123456', text: 'hello' } });
    expect(read({ id: 'n', action: 'send-sms', args: { text: 'to the Notify group' } })).toMatchObject({ ok: true, request: { kind: 'send-sms', to: null } });
    expect(read({ id: 't', action: 'top-up', args: {} })).toMatchObject({ ok: true, request: { kind: 'top-up' } });
    expect(read({ id: 'm', action: 'restart-modem' })).toMatchObject({ ok: true, request: { kind: 'restart-modem' } });
  });

  it('theMqtt5ResponseTopicAndCorrelationDataWin', () => {
    const correlationData = Buffer.from([1, 2, 3, 250]);
    expect(read({ id: 'a1', text: '*123456 STAT?', replyTo: 'gsmkeeper/box1/res/mine' }, { responseTopic: 'gsmkeeper/box1/res/op7', correlationData })).toMatchObject({
      ok: true, replyTo: { topic: 'gsmkeeper/box1/res/op7', correlation: correlationData.toString('base64') },
    });
    // A broker without MQTT 5 properties (aedes, 3.1.1): replyTo in the payload.
    expect(read({ id: 'a1', text: '*123456 STAT?', replyTo: 'gsmkeeper/box1/res/mine' })).toMatchObject({ ok: true, replyTo: { topic: 'gsmkeeper/box1/res/mine', correlation: null } });
  });

  it('answersGoOnlyToTheBoxsOwnResTopics', () => {
    for (const topic of ['gsmkeeper/box2/res/x', 'gsmkeeper/box1/main/state', 'gsmkeeper/box1/res/', 'gsmkeeper/box1/res/#', 'gsmkeeper/box1/res/+/x']) {
      expect(read({ id: 'a1', text: '*123456 STAT?', replyTo: topic })).toMatchObject({ ok: false, code: 'bad_request', replyTo: { topic: 'gsmkeeper/box1/res/a1' } });
      // An MQTT 5 response topic elsewhere is not used either: the answer goes to res/<id>.
      expect(read({ id: 'a1', text: '*123456 STAT?' }, { responseTopic: topic })).toMatchObject({ ok: true, replyTo: { topic: 'gsmkeeper/box1/res/a1' } });
    }
  });

  it.each([
    ['not JSON', '{"id": "a1", "text": ', null, 'bad_request'],
    ['an array', '[1, 2]', null, 'bad_request'],
    ['no id', { text: '*123456 STAT?' }, null, 'bad_request'],
    ['an id with a topic separator', { id: 'a/b', text: '*123456 STAT?' }, null, 'bad_request'],
    ['an id that is too long', { id: 'x'.repeat(65), text: 'STAT?' }, null, 'bad_request'],
    ['neither text nor action', { id: 'a1' }, 'a1', 'bad_request'],
    ['both text and action', { id: 'a1', text: 'x', action: 'top-up' }, 'a1', 'bad_request'],
    ['an unknown field', { id: 'a1', text: 'x', priority: 9 }, 'a1', 'bad_request'],
    ['an unknown action', { id: 'a1', action: 'format-disk' }, 'a1', 'unknown_action'],
    ['a code with letters', { id: 'a1', action: 'recharge', args: { code: '12345abc' } }, 'a1', 'bad_request'],
    ['a USSD string as a code', { id: 'a1', action: 'recharge', args: { code: '*101#1234#' } }, 'a1', 'bad_request'],
    ['a phone number with letters', { id: 'a1', action: 'send-sms', args: { to: '+35988x', text: 'hi' } }, 'a1', 'bad_request'],
    ['an SMS text over 480 characters', { id: 'a1', action: 'send-sms', args: { to: '+359888123456', text: 'x'.repeat(481) } }, 'a1', 'bad_request'],
    ['arguments to an action that takes none', { id: 'a1', action: 'top-up', args: { cards: 3 } }, 'a1', 'bad_request'],
    ['a line that is no topic level', { id: 'a1', text: 'x', line: 'main/+' }, 'a1', 'bad_request'],
    ['an expiry that is no date', { id: 'a1', text: 'x', expires: 'tomorrow' }, 'a1', 'bad_request'],
  ])('badPayloadGetsAnErrorAnswer (%s)', (_what, body, id, code) => {
    const result = read(body);
    expect(result).toMatchObject({ ok: false, id, code });
    if (!result.ok) expect(result.replyTo.topic).toBe(id === null ? 'gsmkeeper/box1/errors' : `gsmkeeper/box1/res/${id}`);
  });

  it('anUnknownActionIsEchoedWithItsDigitsMasked', () => {
    // A code pasted into the action field is no registered secret: the echo masks it as a code.
    const result = read({ id: 'a1', action: '8040 7938 7408 127', args: {} });
    expect(result).toMatchObject({ ok: false, code: 'unknown_action' });
    if (!result.ok) expect(result.message).toContain('unknown action "**** **** ***8 127"');
  });

  it('aPayloadOverTheLimitIsRefusedUnread', () => {
    expect(read({ id: 'a1', text: 'x'.repeat(MAX_COMMAND_BYTES) })).toMatchObject({ ok: false, id: null, code: 'bad_request' });
  });

  it('expiresIsReadAsAnInstant', () => {
    expect(read({ id: 'a1', text: 'x', expires: '2026-12-01T10:00:00+02:00' })).toMatchObject({ ok: true, expires: Date.parse('2026-12-01T08:00:00Z') });
  });

  it('aCodeIsASecretFromTheMomentItIsRead', () => {
    // Even in a command refused for something else, the code never reaches a log line whole.
    read({ id: 'a1', action: 'recharge', args: { code: '804079387408127' }, extra: true });
    expect(maskSecrets('dialling 804079387408127')).not.toContain('804079387408127');
  });
});

describe("Home Assistant's entities", () => {
  it('aButtonPressesWithPress', () => {
    expect(readHaCommand('main', 'check-balance', Buffer.from('PRESS'))).toEqual({ kind: 'check-balance', line: 'main' });
    expect(readHaCommand('main', 'top-up', Buffer.from('PRESS'))).toEqual({ kind: 'top-up', line: 'main', lang: null });
    expect(readHaCommand('main', 'top-up', Buffer.from('something else'))).toBeNull();
  });

  it('theTextEntitySendsACode', () => {
    expect(readHaCommand('main', 'recharge', Buffer.from(' 123456789012345 '))).toEqual({ kind: 'recharge', line: 'main', code: '123456789012345', lang: null });
    expect(readHaCommand('main', 'recharge', Buffer.from('*101#'))).toBeNull();
  });

  it('theNotifyEntitySendsToANumberOrTheNotifyGroup', () => {
    expect(readHaCommand('main', 'send-sms', Buffer.from('+359888123456: the door is open'))).toEqual({ kind: 'send-sms', line: 'main', to: '+359888123456', text: 'the door is open' });
    expect(readHaCommand('main', 'send-sms', Buffer.from('the door is open'))).toEqual({ kind: 'send-sms', line: 'main', to: null, text: 'the door is open' });
    expect(readHaCommand('main', 'send-sms', Buffer.from('   '))).toBeNull();
  });
});
