import { afterEach, describe, expect, it } from 'vitest';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { messagesOn, waitFor } from '../helpers/wait.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const count = (r: RunningDaemon, sql: string): number => (r.daemon.store.db.prepare(sql).get() as { n: number }).n;

describe('nobody burns the credit', () => {
  it('fiveWrongPasswordsLockTheSenderOutEvenForTheRightOne', async () => {
    running = await startDaemon();
    const { simulator } = running;
    for (let i = 0; i < 5; i++) simulator.sendSmsFromPhone('+359888100001', `*00000${i} STAT?`);
    await waitFor(() => count(running!, "SELECT COUNT(*) n FROM commands WHERE state = 'dropped'") === 5, 5000, 'five drops');
    simulator.sendSmsFromPhone('+359888100001', '*123456 STAT?');
    simulator.sendSmsFromPhone('+359888100002', '*123456 STAT?');
    await messagesOn(() => simulator.phoneMessages('+359888100002'));
    await running.daemon.settle();
    expect(simulator.phoneMessages('+359888100001')).toEqual([]);
    expect(running.daemon.store.db.prepare("SELECT drop_reason FROM commands WHERE sender = '+359888100001' ORDER BY id DESC LIMIT 1").get()).toEqual({ drop_reason: 'sender-locked-out' });
  });

  it('withTheAllowListOnlyCommandAndConfigNumbersAreHeard', async () => {
    running = await startDaemon({ config: { security: { ...DEFAULT_CONFIG.security, restrictToGroups: true }, groups: { config: [], command: ['0888200001'], notify: [] } } });
    const { simulator } = running;
    simulator.sendSmsFromPhone('+359888200002', '*123456 STAT?');
    simulator.sendSmsFromPhone('+359888200001', '*123456 STAT?');
    await messagesOn(() => simulator.phoneMessages('+359888200001'));
    await running.daemon.settle();
    expect(simulator.phoneMessages('+359888200002')).toEqual([]);
  });

  it('pastTheDailyCapOnlyTheNotifyGroupIsTexted', async () => {
    running = await startDaemon({ config: { sms: { ...DEFAULT_CONFIG.sms, dailyCap: 2 }, groups: { config: [], command: [], notify: ['+359888300009'] } } });
    const { simulator, daemon } = running;
    for (const n of [1, 2, 3]) simulator.sendSmsFromPhone(`+35988830000${n}`, '*123456 STAT?');
    simulator.sendSmsFromPhone('+359888300009', '*123456 STAT?');
    await waitFor(() => count(running!, "SELECT COUNT(*) n FROM outbox WHERE state IN ('sent', 'failed')") === 4, 5000, 'four replies settled');
    expect(count(running, "SELECT COUNT(*) n FROM outbox WHERE state = 'failed' AND refused_by = 'daily-cap'")).toBe(1);
    expect(simulator.phoneMessages('+359888300009')).toHaveLength(1);
    expect(daemon.store.outbox.sentSince('1970-01-01', 'main')).toBe(3);
    // The message log says which reply the cap kept back, not "answered".
    const { json } = await api(running.baseUrl, 'GET', '/api/v1/messages');
    expect(json.messages.map((m: { replyFate: { status: string; limit: string | null } }) => `${m.replyFate.status}:${m.replyFate.limit}`).sort())
      .toEqual(['refused:daily-cap', 'sent:null', 'sent:null', 'sent:null']);
  });

  it('phCannotTurnTheBoxIntoAnSmsCannon', async () => {
    running = await startDaemon({ config: { sms: { ...DEFAULT_CONFIG.sms, nonGroupRepliesPerHour: 2 } } });
    const { simulator } = running;
    for (const n of [1, 2, 3, 4]) simulator.sendSmsFromPhone(`+35988840000${n}`, '*123456 PH 0888400099 STAT?');
    await waitFor(() => count(running!, "SELECT COUNT(*) n FROM outbox WHERE state IN ('sent', 'failed')") === 4, 5000, 'four replies settled');
    expect(simulator.phoneMessages('0888400099')).toHaveLength(2);
    expect(count(running, "SELECT COUNT(*) n FROM outbox WHERE refused_by = 'non-group-hourly'")).toBe(2);
    const { json } = await api(running.baseUrl, 'GET', '/api/v1/messages');
    expect(json.messages.filter((m: { replyFate: { status: string } }) => m.replyFate.status === 'refused')).toEqual([
      expect.objectContaining({ state: 'answered', replyTo: '0888400099', replyFate: expect.objectContaining({ limit: 'non-group-hourly', summary: 'not sent: refused by the hourly limit for a number in no group' }) }),
      expect.objectContaining({ replyFate: expect.objectContaining({ limit: 'non-group-hourly' }) }),
    ]);
  });

  it('theSameIdempotencyKeyReturnsTheSameResultAndDialsOnce', async () => {
    running = await startDaemon();
    const { simulator, baseUrl } = running;
    const pin = simulator.unusedVouchers()[0]!.pin;
    const send = () =>
      fetch(`${baseUrl}/api/v1/commands`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-token-0123456789abcdef', 'content-type': 'application/json', 'idempotency-key': 'order-42' },
        body: JSON.stringify({ text: `*123456 CREDIT ${pin}` }),
      }).then((r) => r.json() as Promise<{ commandId: number; reply: string }>);
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(a.reply).toMatch(/^Credit added/);
    expect(simulator.dialLog()).toHaveLength(1);
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' })).json.commandId).toBe(a.commandId + 1);
  });

  it('theNotifyGroupHearsWhenRechargingLocksItself', async () => {
    running = await startDaemon({ config: { groups: { config: [], command: [], notify: ['+359888500009'] } } });
    const { simulator } = running;
    simulator.sendSmsFromPhone('+359888500001', '*123456 CREDIT 111111111111111');
    await messagesOn(() => simulator.phoneMessages('+359888500001'));
    simulator.sendSmsFromPhone('+359888500001', '*123456 CREDIT 222222222222222');
    const replies = await messagesOn(() => simulator.phoneMessages('+359888500001'), 2);
    expect(replies[0]!.text).toMatch(/rejected by the carrier .* 1 attempt\(s\) left/);
    expect(replies[1]!.text).toMatch(/^Warning: recharging is locked/);
    const [notice] = await messagesOn(() => simulator.phoneMessages('+359888500009'));
    expect(notice!.text).toMatch(/2 cards rejected; recharging is locked before the carrier blocks the SIM/);
  });
});
