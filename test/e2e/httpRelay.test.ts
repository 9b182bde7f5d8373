import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startDaemon, TOKEN, type RunningDaemon } from '../helpers/daemon.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon;
beforeAll(async () => {
  running = await startDaemon();
});
afterAll(async () => {
  await running.stop();
});

describe('HTTP relay', () => {
  it('statOverTheRelayReturnsTheReplyAsJson', async () => {
    const { status, json } = await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' });
    expect(status).toBe(200);
    expect(json).toMatchObject({ command: 'STAT?', smsTo: null });
    expect(json.reply).toMatch(/^Signal -71dBm 4\/5\. Vivacom 284-03 home\./);
  });

  it('creditOverTheRelayRechargesAndTextsThePhNumber', async () => {
    const pin = running.simulator.unusedVouchers()[0]!.pin;
    const { status, json } = await api(running.baseUrl, 'POST', '/api/v1/commands', { text: `*123456 PH 0888777666 CREDIT ${pin}` });
    expect(status).toBe(200);
    expect(json.reply).toMatch(/^Credit added: 5\.00 EUR\./);
    expect(JSON.stringify(json)).not.toContain(pin);
    const [sms] = await messagesOn(() => running.simulator.phoneMessages('0888777666'));
    expect(sms!.text).toBe(json.reply);
  });

  it.each([
    ['no token', null, 401, 'unauthorized'],
    ['a wrong token', 'not-the-token-at-all', 401, 'unauthorized'],
  ])('%s is refused with %s', async (_name, token, status, code) => {
    const result = await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' }, token);
    expect(result).toEqual({ status, json: { error: { code, message: expect.any(String) } } });
  });

  it.each([
    ['a body without text', {}, 400, 'bad_request'],
    ['text that is not a string', { text: 5 }, 400, 'bad_request'],
    ['malformed JSON', '{"text": ', 400, 'bad_request'],
    ['an overlong text', { text: `*123456 ${'x'.repeat(600)}` }, 400, 'bad_request'],
    ['a body over the size limit', { text: 'x'.repeat(20_000) }, 413, 'body_too_large'],
    ['a wrong command password', { text: '*111111 STAT?' }, 403, 'wrong_password'],
    ['text that is not a command', { text: 'hello' }, 400, 'not_a_command'],
  ])('%s gets a JSON error with a stable code', async (_name, body, status, code) => {
    const result = await api(running.baseUrl, 'POST', '/api/v1/commands', body);
    expect(result.status).toBe(status);
    expect(result.json.error.code).toBe(code);
  });

  it('statusBalanceHistoryAndTheMessageLogAsDataWithPasswordsAndCodesMasked', async () => {
    const pin = running.simulator.unusedVouchers()[0]!.pin;
    await api(running.baseUrl, 'POST', '/api/v1/commands', { text: `*123456 CREDIT ${pin}` });
    const status = await api(running.baseUrl, 'GET', '/api/v1/status');
    expect(status.json).toMatchObject({ carrier: 'Vivacom', network: '28403', registration: 'home', signal: { dbm: -71, bars: 4 }, problems: [], simulated: true, wallet: { cards: 0 } });
    expect((await api(running.baseUrl, 'GET', '/api/v1/balances?limit=5')).json.balances[0]).toMatchObject({ balance: expect.stringMatching(/EUR$/), source: 'recharge' });
    const { json } = await api(running.baseUrl, 'GET', '/api/v1/messages?limit=3');
    expect(json.messages[0]).toMatchObject({ source: 'http', command: 'CREDIT', state: 'answered', text: `*•••••• CREDIT ***********${pin.slice(-4)}` });
    expect(JSON.stringify(json)).not.toContain(pin);
    expect((await api(running.baseUrl, 'GET', '/api/v1/messages?limit=x')).json.error.code).toBe('bad_request');
  });

  it('thePanelPageNeedsNoTokenButItsDataDoes', async () => {
    const page = await fetch(`${running.baseUrl}/panel/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>gsmkeeper</title>');
    expect((await api(running.baseUrl, 'GET', '/api/v1/status', undefined, null)).status).toBe(401);
  });

  it('apiAnswersAreNeverCachedNorSniffedWhileThePanelKeepsItsOwnCaching', async () => {
    const answers = await Promise.all([
      fetch(`${running.baseUrl}/api/v1/health`),
      fetch(`${running.baseUrl}/api/v1/status`, { headers: { authorization: `Bearer ${TOKEN}` } }),
      fetch(`${running.baseUrl}/api/v1/status`),
      fetch(`${running.baseUrl}/api/v1/nope`, { headers: { authorization: `Bearer ${TOKEN}` } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 404]);
    for (const answer of answers) {
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      await answer.text();
    }
    const page = await fetch(`${running.baseUrl}/panel/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    await page.text();
  });

  it('unknownEndpointsAre404JsonAndHealthNeedsNoToken', async () => {
    expect((await api(running.baseUrl, 'GET', '/api/v1/nope')).json.error.code).toBe('not_found');
    expect(await api(running.baseUrl, 'GET', '/api/v1/health', undefined, null)).toMatchObject({ status: 200, json: { status: 'ok', carrier: 'vivacom' } });
  });

  it('simulatorEndpointsPlayAPhone', async () => {
    const vouchers = await api(running.baseUrl, 'GET', '/api/v1/sim/vouchers');
    expect(vouchers.json.vouchers.length).toBeGreaterThan(5);
    expect(vouchers.json.vouchers[0]).toMatchObject({ pin: expect.stringMatching(/^\d{15}$/), amount: expect.stringMatching(/^\d+\.\d\d$/), currency: 'EUR' });
    expect((await api(running.baseUrl, 'POST', '/api/v1/sim/sms', { from: '+359888111000', text: '*123456 STAT?' })).status).toBe(202);
    const inbox = await waitFor(async () => {
      const { json } = await api(running.baseUrl, 'GET', '/api/v1/sim/phones/+359888111000/messages');
      return json.messages.length ? json.messages : null;
    });
    expect(inbox[0].text).toMatch(/^Signal/);
    expect((await api(running.baseUrl, 'POST', '/api/v1/sim/sms', { from: 'abc', text: 'x' })).json.error.code).toBe('bad_request');
  });

  it('theTokenIsCheckedOnSimulatorEndpointsToo', async () => {
    expect((await api(running.baseUrl, 'GET', '/api/v1/sim/vouchers', undefined, null)).status).toBe(401);
    expect(TOKEN.length).toBeGreaterThan(16);
  });
});
