import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';

let running: RunningDaemon;
beforeAll(async () => {
  running = await startDaemon();
});
afterAll(async () => {
  await running?.stop();
});

const change = (id: string, body: Record<string, unknown>, token?: string | null) => api(running.baseUrl, 'POST', `/api/v1/settings/${id}`, body, token);
const command = async (text: string) => (await api(running.baseUrl, 'POST', '/api/v1/commands', { text })).json;

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

  it('theRechargeDialogueIsSwitchedByItsOwnCommand', async () => {
    expect((await command('*123456 DIALOGUE?')).reply).toMatch(/^Recharge dialogue OFF/);
    expect(await change('dialogue', { value: true })).toEqual({ status: 200, json: { setting: expect.objectContaining({ id: 'dialogue', value: true }), message: expect.stringMatching(/^Recharge dialogue ON/) } });
    expect((await command('*123456 DIALOGUE?')).reply).toMatch(/^Recharge dialogue ON/);
    expect((await change('dialogue', { value: false, lang: 'bg' })).json.message).toMatch(/^Диалогът за зареждане е ИЗКЛ/);
  });

  it.each([
    ['low-balance', { value: 'abc' }, 'Bad threshold "abc": use e.g. 2 or 2.50.'],
    ['low-balance', { value: '2,5' }, 'Bad threshold "2,5": use e.g. 2 or 2.50.'],
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

  it('theLanguageIsLangsAndThePasswordIsPwds', async () => {
    expect((await change('language', { value: 'bg' })).json).toMatchObject({ setting: { value: 'bg' }, message: 'Отговорите по подразбиране са на български.' });
    expect((await command('*123456 CREDITCFG?')).reply).toMatch(/^Kontrol na kredita VKL/);
    await change('language', { value: 'en' });
    expect((await change('password', { value: '654321' })).json).toEqual({ setting: expect.objectContaining({ value: null }), message: 'Password changed.' });
    expect((await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' })).status).toBe(403);
    expect((await command('*654321 CREDITCFG?')).reply).toMatch(/^Credit control ON/);
    expect(running.logs.join('\n')).not.toContain('654321');
  });

  it('anUnknownSettingIsNotFound', async () => {
    expect((await change('volume', { value: '11' })).json.error).toEqual({ code: 'not_found', message: expect.stringMatching(/^no setting "volume": the settings are password, credit-control, /) });
  });
});
