import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeStatusReport } from '../../src/codec/sms-status-report.js';
import { Simulator, type SimulatorOptions } from '../../src/sim/simulator.js';
import { api, startDaemon, type DaemonTestOptions, type RunningDaemon } from '../helpers/daemon.js';
import { tmpDir } from '../helpers/tmp.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

/** Huawei-style: AT+CNMI ds up to 2, reports kept in the modem's "SR" memory. */
const STORES_IN_SR = { cnmiSupport: '+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)', reportMemory: 'SR' as const };

const daemons: RunningDaemon[] = [];
const simulators: Simulator[] = [];
afterEach(async () => {
  for (const running of daemons.splice(0)) await running.daemon.stop();
  for (const simulator of simulators.splice(0)) simulator.close();
});

interface Logged {
  sender: string;
  text: string;
  state: string;
  command: string | null;
  dropReason: string | null;
  replyFate: { status: string; summary: string; reason: string | null; at: string | null };
}

/** A simulator of the test's own (kept across daemon restarts), with quick status reports. */
function simulatorIn(dataDir: string, options: SimulatorOptions = {}): Simulator {
  const simulator = new Simulator({ stateFile: path.join(dataDir, 'simulator.json'), timing: { ussdDelayMs: 10 }, network: { reportDelayMs: 20, holdMs: 60_000 }, ...options });
  simulators.push(simulator);
  return simulator;
}

async function boxOn(simulator: Simulator, dataDir: string, options: Omit<DaemonTestOptions, 'simulator' | 'dataDir'> = {}): Promise<RunningDaemon> {
  const running = await startDaemon({ simulator, dataDir, ...options });
  daemons.push(running);
  return running;
}

async function messageLog(running: RunningDaemon): Promise<Logged[]> {
  return (await api(running.baseUrl, 'GET', '/api/v1/messages')).json.messages;
}

async function fateOf(running: RunningDaemon, sender: string): Promise<Logged['replyFate'] | undefined> {
  return (await messageLog(running)).find((m) => m.sender === sender)?.replyFate;
}

async function stopBox(running: RunningDaemon): Promise<void> {
  daemons.splice(daemons.indexOf(running), 1);
  await running.daemon.stop();
}

describe('delivery reports, end to end on the simulated network', () => {
  it('aReplyGoesFromSentToDeliveredThroughReportsStoredInTheModemsSrMemory', async () => {
    const dataDir = tmpDir();
    const simulator = simulatorIn(dataDir, { profile: STORES_IN_SR });
    const running = await boxOn(simulator, dataDir);
    const events: unknown[] = [];
    running.daemon.events.on('reply-delivery', (event) => events.push(event));
    simulator.fault('reports-held', true);
    const phone = '+359888710001';
    simulator.sendSmsFromPhone(phone, '*123456 STAT?');
    await messagesOn(() => simulator.phoneMessages(phone));
    await waitFor(async () => (await fateOf(running, phone))?.status === 'sent', 5000, 'the reply sent');
    await waitFor(() => simulator.modem.heldReports.length === 1, 5000, 'its report on its way');
    simulator.fault('reports-held', false);
    await waitFor(async () => (await fateOf(running, phone))?.status === 'delivered', 5000, 'the reply delivered');
    // Read from SR, kept with the reply, deleted from the modem; listeners are told.
    await waitFor(() => (simulator.state.reportStorage ?? []).length === 0, 5000, 'the SR memory emptied');
    expect((await messageLog(running)).map((m) => m.sender)).toEqual([phone]);
    expect(events).toEqual([expect.objectContaining({ line: 'main', to: phone, delivery: 'delivered', reason: null })]);
  });

  it('aLongReplyIsDeliveredOnlyWhenEveryPartIs', async () => {
    const dataDir = tmpDir();
    const simulator = simulatorIn(dataDir);
    const running = await boxOn(simulator, dataDir);
    simulator.fault('reports-held', true);
    const { json } = await api(running.baseUrl, 'POST', '/api/v1/sms', { to: '+359888710002', text: 'Your balance is low. '.repeat(12) });
    const row = () => running.daemon.store.outbox.get(json.id)!;
    await waitFor(() => row().state === 'sent', 5000, 'both parts sent');
    expect(row().message_refs!.split(',')).toHaveLength(2);
    await waitFor(() => simulator.modem.heldReports.length === 2, 5000, 'two reports on their way');
    simulator.modem.releaseReport();
    await waitFor(() => row().delivery !== null, 5000, 'the first report recorded');
    expect(row()).toMatchObject({ delivery: 'pending', delivered_refs: row().message_refs!.split(',')[0] });
    simulator.modem.releaseReport();
    await waitFor(() => row().delivery === 'delivered', 5000, 'the second report recorded');
    expect(row().delivered_refs).toBe(row().message_refs);
  });

  it('aReplyToAPhoneThatStaysOffFailsWithTheNetworksReason', async () => {
    const dataDir = tmpDir();
    const simulator = simulatorIn(dataDir, { network: { reportDelayMs: 20, holdMs: 300 } });
    const running = await boxOn(simulator, dataDir);
    const phone = '+359888710003';
    await api(running.baseUrl, 'POST', `/api/v1/sim/phones/${encodeURIComponent(phone)}/power`, { on: false });
    await api(running.baseUrl, 'POST', '/api/v1/commands', { text: `*123456 PH ${phone} STAT?` });
    const commandLog = async () => (await messageLog(running)).find((m) => m.text.includes('STAT?'))?.replyFate;
    await waitFor(async () => (await commandLog())?.status === 'failed', 10_000, 'the reply failed');
    expect(await commandLog()).toMatchObject({
      status: 'failed',
      reason: "no response from the recipient's phone, no more attempts (TP-ST 0x62)",
      summary: "sent, but the network could not deliver it: no response from the recipient's phone, no more attempts (TP-ST 0x62)",
    });
    expect(simulator.phoneMessages(phone)).toEqual([]);
  });

  it('withDeliveryReportsOffNoReportIsAskedForAndTheFateStaysSent', async () => {
    const dataDir = tmpDir();
    const simulator = simulatorIn(dataDir);
    const running = await boxOn(simulator, dataDir, { config: { sms: { dailyCap: 50, nonGroupRepliesPerHour: 10, multipartTimeoutSeconds: 600, forward: { enabled: false, perHour: 10 }, deliveryReports: false } } });
    simulator.fault('reports-held', true);
    const phone = '+359888710004';
    simulator.sendSmsFromPhone(phone, '*123456 STAT?');
    await messagesOn(() => simulator.phoneMessages(phone));
    await waitFor(async () => (await fateOf(running, phone))?.status === 'sent', 5000, 'the reply sent');
    expect(simulator.stats().reportsRequested).toBe(0);
    expect(simulator.modem.heldReports).toEqual([]);
    expect(running.logs.join('')).toMatch(/"reports":"none","requested":false,"msg":"status-report routing"/);
  });

  it('aModemWhoseCnmiOffersNoDsKeepsWorkingAndTheFateSaysSent', async () => {
    const dataDir = tmpDir();
    const simulator = simulatorIn(dataDir, { profile: { cnmiSupport: '+CNMI: (0-3),(0-3),(0,2),(0),(0,1)' } });
    const running = await boxOn(simulator, dataDir);
    const phone = '+359888710005';
    simulator.sendSmsFromPhone(phone, '*123456 STAT?');
    const [reply] = await messagesOn(() => simulator.phoneMessages(phone));
    expect(reply!.text).toMatch(/Signal/);
    await waitFor(async () => (await fateOf(running, phone))?.status === 'sent', 5000, 'the reply sent');
    expect(simulator.stats().reportsRequested).toBe(0);
  });

  it('reportsStoredWhileTheBoxWasDownAreReadAtStart', async () => {
    const dataDir = tmpDir();
    const simulator = simulatorIn(dataDir, { profile: STORES_IN_SR });
    const first = await boxOn(simulator, dataDir);
    const phone = '+359888710006';
    simulator.setPhoneReachable(phone, false);
    await api(first.baseUrl, 'POST', '/api/v1/commands', { text: `*123456 PH ${phone} STAT?` });
    await waitFor(async () => (await messageLog(first)).find((m) => m.text.includes('STAT?'))?.replyFate.status === 'sent', 5000, 'the reply sent');
    await stopBox(first);
    // While the box is away the phone comes back: the held reply is delivered and its report stored in SR.
    simulator.setPhoneReachable(phone, true);
    await messagesOn(() => simulator.phoneMessages(phone));
    await waitFor(() => (simulator.state.reportStorage ?? []).length === 1, 5000, 'the report stored in SR');
    const second = await boxOn(simulator, dataDir);
    await waitFor(async () => (await messageLog(second)).find((m) => m.text.includes('STAT?'))?.replyFate.status === 'delivered', 5000, 'the reply delivered');
    expect(simulator.state.reportStorage).toEqual([]);
  });

  it('aReportForAnUnknownReferenceIsLoggedAsAStatusReportAndNeverRun', async () => {
    const dataDir = tmpDir();
    const simulator = simulatorIn(dataDir);
    const running = await boxOn(simulator, dataDir);
    const now = new Date();
    simulator.modem.statusReport(encodeStatusReport({ reference: 77, recipient: '+359888710007', submitted: now, discharged: now, status: 0, smsc: '+35988000000' }));
    const logged = await waitFor(async () => (await messageLog(running)).find((m) => m.sender === '+359888710007'), 5000, 'the report logged');
    expect(logged).toMatchObject({
      state: 'dropped', command: 'status-report', text: 'Status report: received by the recipient (TP-ST 0x00), message reference 77',
      dropReason: 'a status report that matches no reply sent: kept, not a command', replyFate: { status: 'not-sent' },
    });
    await running.daemon.settle();
    expect(simulator.phoneMessages('+359888710007')).toEqual([]);
    expect(running.daemon.store.outbox.pendingCount()).toBe(0);
  });
});
