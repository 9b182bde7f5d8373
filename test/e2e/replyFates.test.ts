import { afterEach, describe, expect, it } from 'vitest';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

interface Logged {
  sender: string;
  text: string;
  state: string;
  replyFate: { status: string; summary: string; at: string | null };
}

async function messageLog(r: RunningDaemon): Promise<Logged[]> {
  return (await api(r.baseUrl, 'GET', '/api/v1/messages')).json.messages;
}

describe('the message log shows what became of each reply', () => {
  it('aReplySentByTheModemIsSentAndTheNetworksStatusReportMakesItDelivered', async () => {
    running = await startDaemon();
    const { simulator } = running;
    const phone = '+359888700001';
    // The service centre is slow to report: the reply shows as sent until it does.
    simulator.fault('reports-held', true);
    simulator.sendSmsFromPhone(phone, '*123456 STAT?');
    await messagesOn(() => simulator.phoneMessages(phone));
    await waitFor(async () => (await messageLog(running!))[0]?.replyFate.status === 'sent', 5000, 'the reply logged as sent');
    await waitFor(() => simulator.modem.heldReports.length === 1, 5000, 'the report on its way');
    simulator.fault('reports-held', false);
    const stat = async () => (await messageLog(running!)).find((m) => m.sender === phone);
    await waitFor(async () => (await stat())?.replyFate.status === 'delivered', 5000, 'the reply logged as delivered');
    expect((await stat())!.replyFate).toMatchObject({ summary: 'delivered', at: expect.any(String) });
    // The report is kept with the reply, not as a message of its own.
    expect((await messageLog(running)).map((m) => m.sender)).toEqual([phone]);
  });

  it('aConfigCommandThatWorkedSendsNoSmsByDesignAndSaysSo', async () => {
    running = await startDaemon();
    const { simulator, daemon } = running;
    simulator.sendSmsFromPhone('+359888700002', '*123456 LANG EN');
    await waitFor(async () => (await messageLog(running!))[0]?.state === 'answered', 5000, 'LANG answered');
    await daemon.settle();
    expect((await messageLog(running))[0]).toMatchObject({ state: 'answered', replyFate: { status: 'not-sent', summary: 'no SMS, by design' } });
    expect(simulator.phoneMessages('+359888700002')).toEqual([]);
  });

  it('anHttpCommandIsAnsweredInTheResponseOnlyUnlessPhAsksForAnSms', async () => {
    running = await startDaemon();
    const { simulator } = running;
    await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' });
    expect((await messageLog(running))[0]).toMatchObject({ replyFate: { status: 'http-only' } });
    await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*123456 PH 0888700003 STAT?' });
    await messagesOn(() => simulator.phoneMessages('0888700003'));
    await waitFor(async () => (await messageLog(running!))[0]?.replyFate.status === 'sent', 5000, 'the PH reply logged as sent');
  });

  it('aWrongPasswordIsNeverAnsweredAndTheLogSaysSo', async () => {
    running = await startDaemon();
    running.simulator.sendSmsFromPhone('+359888700004', '*654321 STAT?');
    await waitFor(async () => (await messageLog(running!))[0]?.state === 'dropped', 5000, 'the command dropped');
    expect((await messageLog(running))[0]).toMatchObject({ replyFate: { status: 'not-sent', summary: 'never answered (dropped)' } });
  });
});
