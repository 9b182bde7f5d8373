import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { waitFor } from '../helpers/wait.js';

let running: RunningDaemon;
beforeAll(async () => {
  running = await startDaemon({ lines: [{ name: 'main' }, { name: 'a1', carrier: 'a1' }] });
});
afterAll(async () => {
  await running?.stop();
});

const get = async (url: string) => api(running.baseUrl, 'GET', url);

describe('what the panel reads over HTTP', () => {
  it('aLinesBalanceHistoryHasEachFigureAndEachRechargeOldestFirst', async () => {
    const sim = running.simulators.get('a1')!;
    const [good] = sim.unusedVouchers();
    expect((await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'a1', source_coupon: good!.pin })).json.outcome).toBe('success');
    // A code the carrier turns down: the carrier's refusal is a recharge too, marked as one.
    expect((await api(running.baseUrl, 'POST', '/api/v1/recharge', { destination: 'a1', source_coupon: '99999999999999' })).json.outcome).toBe('invalid-or-used');
    const { status, json } = await get('/api/v1/lines/a1/balance-history?days=7');
    expect(status).toBe(200);
    expect(json.line).toBe('a1');
    expect(Date.parse(json.to) - Date.parse(json.from)).toBe(7 * 86_400_000);
    expect(json.recharges).toEqual([
      expect.objectContaining({ outcome: 'success', card: `**********${good!.pin.slice(-4)}`, addedCents: 500, balanceCents: 750, currency: 'EUR' }),
      expect.objectContaining({ outcome: 'rejected', card: '**********9999', addedCents: null }),
    ]);
    const figures = json.points.map((p: { cents: number }) => p.cents);
    expect(figures).toContain(750);
    expect(json.points.map((p: { at: string }) => p.at)).toEqual([...json.points.map((p: { at: string }) => p.at)].sort());
    // The other line's history is its own.
    expect((await get('/api/v1/lines/main/balance-history')).json.recharges).toEqual([]);
    expect(JSON.stringify(json)).not.toContain(good!.pin);
  });

  it.each([
    ['/api/v1/lines/b2/balance-history', 404, /^no line "b2": the lines are main, a1$/],
    ['/api/v1/lines/a1/balance-history?days=0', 400, /^days is a whole number from 1 to 366$/],
    ['/api/v1/lines/a1/balance-history?days=999', 400, /^days is a whole number from 1 to 366$/],
    ['/api/v1/lines/a1/balance-history?days=x', 400, /days/],
    ['/api/v1/messages?channel=fax', 400, /channel/],
    ['/api/v1/messages?fate=lost', 400, /fate/],
    ['/api/v1/messages?line=b2', 404, /^no line "b2"/],
  ])('refuses %s', async (url, status, message) => {
    const answer = await get(url);
    expect(answer.status).toBe(status);
    expect(answer.json.error.message).toMatch(message);
  });

  it('theMessageLogNarrowsByLineChannelSenderAndTheRepliesFate', async () => {
    running.simulators.get('main')!.sendSmsFromPhone('+359888650201', '*123456 STAT?');
    running.simulators.get('a1')!.sendSmsFromPhone('+359888650202', '*123456 CREDIT?');
    await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 CREDITCFG?' });
    await waitFor(async () => (await get('/api/v1/messages?fate=sent,delivered')).json.messages.length === 2, 10_000);

    const log = async (query: string) => (await get(`/api/v1/messages?${query}`)).json.messages as Array<{ sender: string; line: string; channel: string }>;
    const senders = async (query: string) => (await log(query)).map((m) => m.sender);
    // a1's carrier texts the outcome of a recharge from 100: an SMS on a1 too (dropped, no command).
    expect((await log('line=a1')).every((m) => m.line === 'a1')).toBe(true);
    expect(await senders('line=a1')).toContain('+359888650202');
    expect(await senders('line=a1')).not.toContain('+359888650201');
    expect((await log('channel=sms')).every((m) => m.channel === 'sms')).toBe(true);
    expect(await senders('channel=sms')).toEqual(expect.arrayContaining(['+359888650202', '+359888650201']));
    expect(await senders('channel=http&limit=1')).toEqual([expect.stringMatching(/^http:/)]);
    expect(await senders('sender=%2B359888650201')).toEqual(['+359888650201']);
    expect(await senders('fate=http-only')).toEqual(expect.arrayContaining([expect.stringMatching(/^http:/)]));
    expect(await senders('fate=http-only')).not.toContain('+359888650201');
    expect(await senders('fate=failed,refused')).toEqual([]);
    expect(await senders('channel=sms&fate=sent')).toEqual(['+359888650202', '+359888650201']);
  });
});
