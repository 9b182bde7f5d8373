import { afterEach, describe, expect, it } from 'vitest';
import { decodeStatusReport } from '../../src/codec/sms-status-report.js';
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

/**
 * An SMS-STATUS-REPORT as the network stores it on the SIM (TS 23.040 §9.2.2.3): no SMSC, first
 * octet 06, the message reference, the recipient (international), two time stamps, the status.
 */
function statusReportPdu(recipient: string, reference: number, status: number): string {
  const digits = recipient.replace(/^\+/, '');
  const padded = digits.length % 2 ? `${digits}F` : digits;
  const bcd = padded.replace(/(.)(.)/g, '$2$1');
  const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
  const stamp = '62210141000000'; // 2026-12-10 14:00:00 +00, each field's digits swapped
  return `0006${hex(reference)}${hex(digits.length)}91${bcd}${stamp}${stamp}${hex(status)}`;
}

describe('the message log shows what became of each reply', () => {
  it('aReplySentByTheModemIsSentAndAStatusReportMakesItDelivered', async () => {
    running = await startDaemon();
    const { simulator, daemon } = running;
    const phone = '+359888700001';
    simulator.sendSmsFromPhone(phone, '*123456 STAT?');
    await messagesOn(() => simulator.phoneMessages(phone));
    await waitFor(async () => (await messageLog(running!))[0]?.replyFate.status === 'sent', 5000, 'the reply logged as sent');
    const { message_refs: refs } = daemon.store.db.prepare('SELECT message_refs FROM outbox').get() as { message_refs: string };

    const report = statusReportPdu(phone, Number(refs), 0x00);
    expect(decodeStatusReport(report)).toMatchObject({ recipient: phone, reference: Number(refs), delivery: 'delivered' });
    simulator.modem.receive(report);
    const stat = async () => (await messageLog(running!)).find((m) => m.sender === phone);
    await waitFor(async () => (await stat())?.replyFate.status === 'delivered', 5000, 'the reply logged as delivered');
    expect((await stat())!.replyFate).toMatchObject({ summary: 'delivered', at: expect.any(String) });
    // The report itself is kept raw and never run as a command.
    expect(daemon.store.db.prepare("SELECT COUNT(*) AS n FROM commands WHERE drop_reason = 'not a command: a status report'").get()).toEqual({ n: 1 });
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
