import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { vouchedText } from '../../src/daemon/runner.js';
import type { BoxEvent } from '../../src/events/box-events.js';
import { installSecret, Store } from '../../src/store/store.js';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { databaseBytes } from '../helpers/database-bytes.js';
import { tmpDir } from '../helpers/tmp.js';

let running: RunningDaemon;
beforeAll(async () => {
  running = await startDaemon();
});
afterAll(async () => {
  await running?.stop();
});

const change = (id: string, body: Record<string, unknown>, token?: string | null) => api(running.baseUrl, 'POST', `/api/v1/settings/${id}`, body, token);
const command = async (text: string) => (await api(running.baseUrl, 'POST', '/api/v1/commands', { text })).json;
/** The newest entries of the message log, newest first. */
const messages = async (limit = 1) => (await api(running.baseUrl, 'GET', `/api/v1/messages?limit=${limit}`)).json.messages;
/**
 * Requests recorded while no daemon ran (as a restart finds them), then a daemon started on that
 * store and settled: what `check` sees is how it ran them.
 */
async function afterRestart(record: (store: Store) => void, check: (box: RunningDaemon) => Promise<void> | void): Promise<void> {
  const dataDir = tmpDir();
  const store = Store.open(path.join(dataDir, 'gsmkeeper.db'), installSecret(dataDir));
  record(store);
  store.close();
  const box = await startDaemon({ dataDir });
  try {
    await box.daemon.settle();
    await check(box);
  } finally {
    await box.stop();
  }
}

/** The events the box tells while `work` runs. */
async function told(work: () => Promise<unknown>): Promise<BoxEvent[]> {
  const events: BoxEvent[] = [];
  const stop = running.daemon.events.onAny((event) => events.push(event));
  try {
    await work();
  } finally {
    stop();
  }
  return events;
}

describe('the settings over HTTP', () => {
  it('needsTheToken', async () => {
    expect((await api(running.baseUrl, 'GET', '/api/v1/settings', undefined, null)).status).toBe(401);
    expect((await change('low-balance', { value: '3' }, 'wrong-token-0123456789')).status).toBe(401);
    expect((await command('*123456 CREDITCFG?')).reply).toMatch(/Low balance alert: 2\.00 EUR\./);
  });

  it('listsEachSettingWithItsKindWordsAndValueButNeverThePassword', async () => {
    const { status, json } = await api(running.baseUrl, 'GET', '/api/v1/settings');
    expect(status).toBe(200);
    expect(json.settings.map((s: { id: string; kind: string }) => `${s.id}:${s.kind}`)).toEqual([
      'password:secret', 'credit-control:on-off', 'dialogue:on-off', 'low-balance:number', 'validity-days:number', 'language:choice', 'group-config:numbers', 'group-command:numbers', 'group-notify:numbers',
    ]);
    expect(json.settings[0]).toMatchObject({ value: null, label: { en: 'Command password', bg: 'Парола за команди' } });
    expect(json.settings[2]).toMatchObject({ value: false });
    expect(json.settings[3]).toMatchObject({ value: 2, unit: { en: 'EUR' } });
    expect(json.settings[4]).toMatchObject({ value: 7, unit: { en: 'days', bg: 'дни' } });
    expect(json.settings[5]).toMatchObject({ value: 'en', choices: [{ value: 'en' }, { value: 'bg' }] });
    expect(JSON.stringify(json)).not.toContain('123456');
  });

  it('aThresholdSetOverHttpIsWhatCreditcfgThenReports', async () => {
    expect(await change('low-balance', { value: '3.50' })).toEqual({ status: 200, json: { setting: expect.objectContaining({ id: 'low-balance', value: 3.5 }), message: expect.stringMatching(/^Credit control ON\. Low balance alert: 3\.50 EUR\. Validity alert: /) } });
    expect((await change('validity-days', { value: '10' })).json.setting.value).toBe(10);
    expect((await command('*123456 CREDITCFG?')).reply).toMatch(/^Credit control ON\. Low balance alert: 3\.50 EUR\. Validity alert: 10 days\./);
    // Empty turns the alert off, as CREDITCFG ON,0 does; the switch keeps the thresholds.
    expect((await change('validity-days', { value: '' })).json.setting.value).toBeNull();
    expect((await change('credit-control', { value: false })).json.message).toMatch(/^Credit control OFF\. Low balance alert: 3\.50 EUR\. Validity alert: off\./);
    expect((await command('*123456 CREDITCFG?')).reply).toMatch(/^Credit control OFF\. Low balance alert: 3\.50 EUR\. Validity alert: off\./);
    await change('credit-control', { value: true });
  });

  it('aThresholdChangeKeepsTheSwitchAsItIsWhenItRunsNotAsItWasWhenAsked', async () => {
    // An SMS CREDITCFG OFF lands after the page's request read the settings, before its command runs.
    const daemon = running.daemon;
    const runVouched = daemon.runVouched;
    daemon.runVouched = async (...args) => {
      await command('*123456 CREDITCFG OFF');
      return runVouched.apply(daemon, args);
    };
    try {
      expect((await change('low-balance', { value: '3' })).json.message).toMatch(/^Credit control OFF\. Low balance alert: 3\.00 EUR\./);
      expect((await command('*123456 CREDITCFG?')).reply).toMatch(/^Credit control OFF\. Low balance alert: 3\.00 EUR\./);
      expect((await messages(2)).map((m: { text: string }) => m.text)).toEqual(['*•••••• CREDITCFG?', '*•••••• CREDITCFG ,3']);
    } finally {
      daemon.runVouched = runVouched;
      await command('*123456 CREDITCFG ON,2');
    }
  });

  it('theRechargeDialogueIsSwitchedByItsOwnCommand', async () => {
    expect((await command('*123456 DIALOGUE?')).reply).toMatch(/^Recharge dialogue OFF/);
    expect(await change('dialogue', { value: true })).toEqual({ status: 200, json: { setting: expect.objectContaining({ id: 'dialogue', value: true }), message: expect.stringMatching(/^Recharge dialogue ON/) } });
    expect((await command('*123456 DIALOGUE?')).reply).toMatch(/^Recharge dialogue ON/);
    // Read on the page, never texted: Cyrillic, though the box's SMS replies are in Latin letters.
    expect((await change('dialogue', { value: false, lang: 'bg' })).json.message).toMatch(/^Диалогът за зареждане е ИЗКЛ/);
  });

  it.each([
    ['low-balance', { value: 'abc' }, 'Bad threshold "abc": use e.g. 2 or 2.50.'],
    ['low-balance', { value: '2,5' }, 'low-balance takes a dot for decimals (2.50): a comma separates the fields of CREDITCFG'],
    ['validity-days', { value: '400' }, 'Bad days "400": 0-365.'],
    ['password', { value: '12345' }, 'Password must be 6 digits.'],
    ['password', { value: '123456' }, 'Password must not be the default.'],
    ['language', { value: 'de' }, 'Usage: LANG EN|BG[,DEFAULT]'],
    ['group-notify', { add: '12' }, 'Usage: PHADD Config|Command|Notify,<number>'],
    ['group-notify', { remove: '+359888000999' }, '+359888000999 is not in Notify.'],
    ['credit-control', { value: 'yes' }, 'credit-control takes {"value": true|false}'],
    ['group-notify', { value: 'x' }, 'group-notify takes {"add": <number>} or {"remove": <number>}'],
  ])('refuses%s %j with the SMS command\'s words', async (id, body, message) => {
    expect(await change(id, body)).toEqual({ status: 400, json: { error: { code: 'bad_request', message } } });
  });

  it('answersInThePanelsLanguageWhenAsked', async () => {
    expect((await change('low-balance', { value: 'abc', lang: 'bg' })).json.error.message).toBe('Грешен праг "abc": напр. 2 или 2.50.');
    // The reply language of the SMS stays the box's.
    expect((await command('*123456 CREDITCFG?')).reply).toMatch(/^Credit control ON/);
  });

  it('groupsChangeAsPhaddAndPhdelDoAndPhgrShowsThem', async () => {
    expect((await change('group-notify', { add: '0888123456' })).json).toEqual({ setting: expect.objectContaining({ value: ['+359888123456'] }), message: '0888123456 added to Notify.' });
    expect((await command('*123456 PHGR? Notify')).reply).toBe('Notify: +359888123456');
    expect((await change('group-notify', { remove: '+359888123456' })).json.message).toBe('+359888123456 removed from Notify.');
    expect((await command('*123456 PHGR? Notify')).reply).toBe('Notify: (empty)');
  });

  it('aChangeIsLoggedAsTheSameCommandWithItsAnswerAndTold', async () => {
    const events = await told(async () => expect((await change('low-balance', { value: '4' })).status).toBe(200));
    const [logged] = await messages();
    expect(logged).toMatchObject({ channel: 'http', sender: 'http:127.0.0.1', text: '*•••••• CREDITCFG ,4', command: 'CREDITCFG', state: 'answered', reply: expect.stringMatching(/^Credit control ON\. Low balance alert: 4\.00 EUR\./), replyTo: null });
    expect(events.filter((event) => event.type === 'command-answered')).toEqual([
      expect.objectContaining({ type: 'command-answered', commandId: logged.id, channel: 'http', sender: 'http:127.0.0.1', name: 'CREDITCFG', outcome: 'answered', reply: logged.reply, replyTo: null }),
    ]);
    // The same command sent with the password is logged in the same words.
    await command('*123456 CREDITCFG ,4');
    const [sent] = await messages();
    expect({ text: sent.text, command: sent.command, reply: sent.reply }).toEqual({ text: logged.text, command: logged.command, reply: logged.reply });
    await change('low-balance', { value: '2' });
  });

  it('aRefusedChangeIsLoggedWithItsRefusalAsTheSameCommandIs', async () => {
    const events = await told(async () => expect((await change('validity-days', { value: '400' })).json.error.message).toBe('Bad days "400": 0-365.'));
    const [logged] = await messages();
    expect(logged).toMatchObject({ text: '*•••••• CREDITCFG ,,400', command: 'CREDITCFG', state: 'answered', reply: 'Bad days "400": 0-365.' });
    expect(events).toEqual([expect.objectContaining({ type: 'command-answered', commandId: logged.id, outcome: 'answered', reply: 'Bad days "400": 0-365.' })]);
    expect((await command('*123456 CREDITCFG ,,400')).reply).toBe('Bad days "400": 0-365.');
  });

  it('aValueNoSmsCouldCarryIsRefusedUnrunAndUnlogged', async () => {
    const [before] = await messages();
    const events = await told(async () => expect((await change('validity-days', { value: '7,1' })).status).toBe(400));
    expect((await messages())[0].id).toBe(before.id);
    expect(events).toEqual([]);
    expect((await command('*123456 CREDITCFG?')).reply).toMatch(/Validity alert: off\./);
  });

  it('theStandInPasswordOfTheSettingsPageOpensNothingOnTheCommandsRoute', async () => {
    expect((await api(running.baseUrl, 'POST', '/api/v1/commands', { text: vouchedText('CREDITCFG OFF') })).status).toBe(403);
    expect((await command('*123456 CREDITCFG?')).reply).toMatch(/^Credit control ON/);
  });

  it('theLanguageIsLangsAndThePasswordIsPwds', async () => {
    expect((await change('language', { value: 'bg' })).json).toMatchObject({ setting: { value: 'bg' }, message: 'Отговорите по подразбиране са на български.' });
    expect((await command('*123456 CREDITCFG?')).reply).toMatch(/^Kontrol na kredita VKL/);
    // A refusal of the commands route follows the box's language too, when the request names none.
    expect((await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?', destination: 'kitchen' })).json.error.message).toMatch(/^няма линия "kitchen"/);
    await change('language', { value: 'en' });
    expect((await change('password', { value: '654321' })).json).toEqual({ setting: expect.objectContaining({ value: null }), message: 'Password changed.' });
    expect((await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' })).status).toBe(403);
    expect((await command('*654321 CREDITCFG?')).reply).toMatch(/^Credit control ON/);
    expect(running.logs.join('\n')).not.toContain('654321');
    // Logged as PWD is, with both passwords hidden; never kept in the clear.
    expect((await messages(4)).find((m: { command: string }) => m.command === 'PWD')).toMatchObject({ text: '*•••••• PWD ••••••', state: 'answered', reply: 'Password changed.' });
    expect(databaseBytes(path.join(running.dataDir, 'gsmkeeper.db'))).not.toContain('654321');
  });

  it('anUnknownSettingIsNotFound', async () => {
    expect((await change('volume', { value: '11' })).json.error).toEqual({ code: 'not_found', message: expect.stringMatching(/^no setting "volume": the settings are password, credit-control, /) });
  });
});

describe('a settings change on its own box', () => {
  it('aCallerLockedOutByWrongPasswordsChangesNoSettingEither', async () => {
    const box = await startDaemon({ config: { security: { ...DEFAULT_CONFIG.security, maxWrongPasswords: 2 } } });
    try {
      for (const text of ['*111111 STAT?', '*222222 STAT?']) expect((await api(box.baseUrl, 'POST', '/api/v1/commands', { text })).status).toBe(403);
      expect(await api(box.baseUrl, 'POST', '/api/v1/settings/dialogue', { value: true })).toEqual({ status: 403, json: { error: { code: 'forbidden', message: 'this caller may not change settings now (sender-locked-out)' } } });
      // Even with the right password, said as what it is rather than as "not a command".
      expect(await api(box.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' })).toMatchObject({ status: 403, json: { error: { code: 'locked_out' } } });
      expect(box.daemon.store.commands.recent(1)[0]).toMatchObject({ name: null, state: 'dropped', drop_reason: 'sender-locked-out' });
      expect(box.daemon.controlContext().settings.dialogue).toBe(false);
    } finally {
      await box.stop();
    }
  });

  it('onlyASettingsCommandRunsOnTheTokensWord', async () => {
    let stat = 0;
    // A vouched row of another command (a tampered store, a future caller) gets no waiver.
    await afterRestart(
      (store) => (stat = store.commands.recordRequest('http', 'http:127.0.0.1', vouchedText('STAT?'), { vouched: true }).row.id),
      (box) => {
        expect(box.daemon.store.commands.get(stat)).toMatchObject({ state: 'dropped', drop_reason: 'wrong-password' });
        expect(() => box.daemon.runVouched('http', 'USSD *101#', 'http:127.0.0.1', null)).toThrow(/not a settings command: USSD/);
      },
    );
  });

  it('runsAgainVouchedForAndIsNotTakenForAWrongPassword', async () => {
    const ids = { vouched: 0, sent: 0 };
    await afterRestart(
      (store) => {
        ids.vouched = store.commands.recordRequest('http', 'http:127.0.0.1', vouchedText('DIALOGUE ON'), { vouched: true }).row.id;
        ids.sent = store.commands.recordRequest('http', 'http:127.0.0.1', vouchedText('DIALOGUE OFF')).row.id;
      },
      (box) => {
        expect(box.daemon.store.commands.get(ids.vouched)).toMatchObject({ state: 'answered', name: 'DIALOGUE', reply: expect.stringMatching(/^Recharge dialogue ON/) });
        expect(box.daemon.store.commands.get(ids.sent)).toMatchObject({ state: 'dropped', drop_reason: 'wrong-password' });
        expect(box.daemon.controlContext().settings.dialogue).toBe(true);
      },
    );
  });
});
