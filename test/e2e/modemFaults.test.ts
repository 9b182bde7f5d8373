import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { Simulator } from '../../src/sim/simulator.js';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { tmpDir } from '../helpers/tmp.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const fastSim = () => new Simulator({ timing: { ussdDelayMs: 10 } });

/** Sends a command from a phone of its own and returns the one reply that phone got, once settled. */
async function answeredOnce(r: RunningDaemon, phone: string, text = '*123456 STAT?'): Promise<string> {
  r.simulator.sendSmsFromPhone(phone, text);
  return onlyReply(r, phone);
}

/** The reply a phone got, after checking a moment later that no second one followed. */
async function onlyReply(r: RunningDaemon, phone: string): Promise<string> {
  const [reply] = await messagesOn(() => r.simulator.phoneMessages(phone), 1, 20_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(r.simulator.phoneMessages(phone)).toHaveLength(1);
  return reply!.text;
}

describe('a modem that misbehaves never stops the box', () => {
  it('hangThenRecovers', async () => {
    const flag = path.join(tmpDir(), 'reset-requested');
    const simulator = fastSim();
    running = await startDaemon({
      simulator,
      fast: true,
      config: { modem: { ...DEFAULT_CONFIG.modem, resetHook: { command: process.execPath, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(flag)}, 'x')`], timeoutSeconds: 10 } } },
    });
    simulator.modem.faults.set('hang', true);
    simulator.sendSmsFromPhone('+359888700001', '*123456 STAT?');
    // Every rung fails on a hung modem until the reset hook; the "hardware" then power-cycles it.
    await waitFor(() => fs.existsSync(flag), 20_000, 'the reset hook');
    simulator.modem.powerCycle();
    await waitFor(() => running!.daemon.line('main').step === 'healthy', 20_000, 'recovery');
    expect(await onlyReply(running, '+359888700001')).toMatch(/^Signal/);
    const { recoveries } = running.daemon.line('main');
    expect(recoveries).toMatchObject({ resync: 1, reinit: 1, reopen: 1, restart: 1, 'reset-hook': 1, healthy: 1, failed: 0 });
  });

  it('whenEveryRungFailsTheDaemonExitsForSystemd', async () => {
    const simulator = fastSim();
    let exitCode: number | null = null;
    running = await startDaemon({ simulator, fast: true, exit: (code) => (exitCode = code) });
    simulator.modem.faults.set('hang', true);
    await waitFor(() => exitCode !== null, 20_000, 'the exit');
    expect(exitCode).toBe(3);
    expect(running.daemon.line('main').step).toBe('failed');
    simulator.modem.faults.clear();
  });

  it('lateOkDoesNotCompleteNextCommand', async () => {
    running = await startDaemon({ simulator: fastSim(), fast: true });
    const { simulator } = running;
    simulator.modem.faults.timing.lateMs = 500;
    simulator.modem.faults.set('late', true);
    simulator.sendSmsFromPhone('+359888700002', '*123456 STAT?');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    simulator.modem.faults.set('late', false);
    expect(await onlyReply(running, '+359888700002')).toMatch(/^Signal/);
  });

  it('urcStormDuringSmsSend', async () => {
    running = await startDaemon({ simulator: fastSim(), fast: true });
    running.simulator.modem.faults.set('urc-storm', true);
    expect(await answeredOnce(running, '+359888700003')).toMatch(/^Signal/);
  });

  it('garbageBytesOnTheLineAreSurvived', async () => {
    running = await startDaemon({ simulator: fastSim(), fast: true });
    running.simulator.modem.faults.set('garbage', true);
    expect(await answeredOnce(running, '+359888700004')).toMatch(/^Signal/);
  });

  it('cusdBeforeOkAndASlowPromptStillRecharge', async () => {
    running = await startDaemon({ simulator: fastSim(), fast: true });
    const { simulator } = running;
    simulator.modem.faults.set('cusd-before-ok', true);
    simulator.modem.faults.timing.promptMs = 200;
    simulator.modem.faults.set('slow-prompt', true);
    const pin = simulator.unusedVouchers()[0]!.pin;
    expect(await answeredOnce(running, '+359888700005', `*123456 CREDIT ${pin}`)).toMatch(/^Credit added: 5\.00 EUR/);
  });

  it('simRemovedThenReinserted', async () => {
    running = await startDaemon({ simulator: fastSim(), fast: true });
    const { simulator, daemon, baseUrl } = running;
    simulator.modem.setSimPresent(false);
    await waitFor(() => daemon.line('main').problems().includes('SIM removed'), 5000, 'degraded: SIM removed');
    expect((await api(baseUrl, 'GET', '/api/v1/health', undefined, null)).json).toMatchObject({ status: 'degraded', problems: ['SIM removed'] });
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 STAT?' })).json.reply).toMatch(/^PROBLEM: SIM removed\./);
    simulator.modem.setSimPresent(true);
    await waitFor(() => daemon.line('main').problems().length === 0, 5000, 'SIM back');
    expect(await answeredOnce(running, '+359888700006')).toMatch(/^Signal/);
  });

  it('networkLostThenBackRetriesTheReply', async () => {
    running = await startDaemon({ simulator: fastSim(), fast: true });
    const { simulator, daemon } = running;
    simulator.modem.faults.set('network-lost', true);
    await waitFor(() => daemon.line('main').problems().some((d) => d.startsWith('no network')), 5000, 'degraded: no network');
    simulator.sendSmsFromPhone('+359888700007', '*123456 STAT?');
    await waitFor(() => (daemon.store.db.prepare("SELECT last_error FROM outbox").get() as { last_error: string | null } | undefined)?.last_error?.includes('331'), 5000, 'a failed send');
    simulator.modem.faults.set('network-lost', false);
    expect(await onlyReply(running, '+359888700007')).toMatch(/^PROBLEM: no network/);
  });

  it('aRebootLosesSettingsAndTheDaemonSetsThemAgain', async () => {
    running = await startDaemon({ simulator: fastSim(), fast: true });
    const { simulator, daemon } = running;
    simulator.modem.powerCycle();
    await waitFor(() => (daemon.line('main').recoveries.reinit ?? 0) >= 1 && daemon.line('main').step === 'healthy', 5000, 're-init after the reboot');
    // Without re-init there would be no +CMTI (CNMI is volatile) and this would never be answered.
    expect(await answeredOnce(running, '+359888700008')).toMatch(/^Signal/);
  });

  it('unplugAndReplugComesBack', async () => {
    running = await startDaemon({ simulator: fastSim(), fast: true });
    const { simulator, daemon } = running;
    simulator.unplug();
    await waitFor(() => daemon.line('main').step !== 'healthy', 5000, 'the unplug noticed');
    simulator.sendSmsFromPhone('+359888700009', '*123456 STAT?');
    await new Promise((resolve) => setTimeout(resolve, 300));
    simulator.replug();
    await waitFor(() => daemon.line('main').step === 'healthy', 20_000, 'back after replug');
    expect(await onlyReply(running, '+359888700009')).toMatch(/^Signal/);
  });

  it('storageFullDrainsAndContinues', async () => {
    const simulator = new Simulator({ timing: { ussdDelayMs: 10 }, storageCapacity: 5 });
    for (let i = 0; i < 12; i++) simulator.sendSmsFromPhone(`+3598887100${String(i).padStart(2, '0')}`, '*123456 STAT?');
    expect(simulator.state.storage).toHaveLength(5);
    expect(simulator.queuedDeliveries).toBe(7);
    running = await startDaemon({ simulator, fast: true });
    await waitFor(() => simulator.stats().delivered === 12, 20_000, 'all 12 answered');
    for (let i = 0; i < 12; i++) expect(simulator.phoneMessages(`+3598887100${String(i).padStart(2, '0')}`)).toHaveLength(1);
  });

  it('emptySlotsOnTheSimAreDeletedAtStartAndOnArrival', async () => {
    const simulator = new Simulator({ timing: { ussdDelayMs: 10 }, storageCapacity: 5 });
    // A slot whose record holds no PDU: the modem answers its header and a blank line.
    simulator.modem.receive('');
    simulator.modem.receive('  ');
    simulator.sendSmsFromPhone('+359888730001', '*123456 STAT?');
    expect(simulator.state.storage).toHaveLength(3);
    running = await startDaemon({ simulator, fast: true });
    expect(await onlyReply(running, '+359888730001')).toContain('Vivacom');
    await waitFor(() => simulator.state.storage.length === 0, 5000, 'the SIM emptied at start');
    simulator.modem.receive('');
    await waitFor(() => simulator.state.storage.length === 0, 5000, 'an empty slot deleted when it arrives');
  });

  it('storageFullOfCommittedMessagesIsSweptWhenDeletesWorkAgain', async () => {
    const simulator = new Simulator({ timing: { ussdDelayMs: 10 }, storageCapacity: 3 });
    running = await startDaemon({ simulator, fast: true });
    // Deletes fail (a flaky SIM): committed messages pile up until the storage is full.
    simulator.modem.faults.set('delete-fails', true);
    for (let i = 0; i < 5; i++) simulator.sendSmsFromPhone(`+3598887200${i}`, '*123456 STAT?');
    await waitFor(() => simulator.stats().delivered === 3, 10_000, 'three answered');
    expect(simulator.state.storage).toHaveLength(3);
    expect(simulator.queuedDeliveries).toBe(2);
    simulator.modem.faults.set('delete-fails', false);
    await waitFor(() => simulator.stats().delivered === 5, 20_000, 'the rest answered after the sweep');
    for (let i = 0; i < 5; i++) expect(simulator.phoneMessages(`+3598887200${i}`)).toHaveLength(1);
    await waitFor(() => simulator.state.storage.length === 0, 5000, 'the SIM emptied');
  });
});
