import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lineCarriers, lineStateFile } from '../../src/cli/simulate.js';
import { api, TOKEN } from '../helpers/daemon.js';
import { spawnCli, spawnPtyRelay, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const spawned: Spawned[] = [];
afterEach(async () => {
  await Promise.all(spawned.splice(0).map((p) => p.stop()));
});

/** What each simulated carrier publishes, as the daemon's config takes it per line. */
const FACTS = {
  vivacom: '    carrier: { rechargeUssd: "*101#{code}#", codeLengths: [15] }\n    balanceUssd: "*102#"\n',
  a1: '    carrier: { rechargeUssd: "*100*{code}#", codeLengths: [14] }\n    balanceUssd: "*100#"\n',
};

/** A phone texts a line's SIM on the simulator's network and the reply it gets. */
async function creditOn(simHttp: string, line: string | null, phone: string): Promise<{ from: string; text: string }> {
  const { json } = await api(simHttp, 'GET', `/api/v1/sim/vouchers${line ? `?line=${line}` : ''}`);
  const pin: string = json.vouchers[0].pin;
  expect((await api(simHttp, 'POST', '/api/v1/sim/sms', { from: phone, text: `*123456 CREDIT ${pin}`, ...(line ? { line } : {}) })).status).toBe(202);
  return waitFor(async () => (await api(simHttp, 'GET', `/api/v1/sim/phones/${phone}/messages`)).json.messages[0], 30_000, `the reply to ${phone}`);
}

describe('several simulated lines', () => {
  it('namesEachLinesCarrierAndStateFile', () => {
    expect(lineCarriers('vivacom', 2)).toEqual(['vivacom', 'a1']);
    expect(lineCarriers('a1,vivacom', 4)).toEqual(['a1', 'vivacom', 'a1', 'yettel']);
    expect(lineStateFile('data/sim.json', 1)).toBe('data/sim.json');
    expect(lineStateFile('data/sim.json', 2)).toBe('data/sim-2.json');
  });

  it('aDaemonRunsTwoLinesOnTwoCarriersOfOneSimulatorOverTcp', async () => {
    const dir = tmpDir();
    const env = { GSMKEEPER_TOKEN: TOKEN };
    const sim = spawnCli(['simulate', '--lines', '2', '--listen', '127.0.0.1:0', '--http', '127.0.0.1:0', '--state', path.join(dir, 'sim.json'), '--ussd-delay', '20'], env);
    spawned.push(sim);
    const [, main] = await sim.waitForOutput(/SIMULATOR LISTENING (tcp:\/\/\S+) line1 vivacom \+359881000001/);
    const [, a1] = await sim.waitForOutput(/SIMULATOR LISTENING (tcp:\/\/\S+) line2 a1 \+359882000001/);
    const [, simHttp] = await sim.waitForOutput(/SIMULATOR HTTP (http:\/\/\S+)/);
    const config = path.join(dir, 'gsmkeeper.yml');
    fs.writeFileSync(config, `lines:\n  - name: main\n    port: ${main}\n${FACTS.vivacom}  - name: a1\n    port: ${a1}\n${FACTS.a1}`);
    const daemon = spawnCli(['run', '--config', config, '--data-dir', path.join(dir, 'data'), '--http', '127.0.0.1:0', '--log-level', 'warn'], env);
    spawned.push(daemon);
    const [, relay] = await daemon.waitForOutput(/HTTP relay: (http:\/\/\S+)\/api\/v1\/commands/);

    expect(await creditOn(simHttp!, 'line1', '0888900001')).toMatchObject({ from: '+359881000001', text: expect.stringMatching(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR \(was 2\.50 EUR\)/) });
    expect(await creditOn(simHttp!, 'line2', '0888900002')).toMatchObject({ from: '+359882000001', text: expect.stringMatching(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR \(was 2\.50 EUR\)/) });
    const lines = (await api(relay!, 'GET', '/api/v1/lines')).json.lines;
    expect(lines).toMatchObject([
      { name: 'main', state: 'ready', carrierId: 'vivacom', imsi: '284030000000001', number: '+359881000001', balance: { amount: '7.50 EUR' } },
      { name: 'a1', state: 'ready', carrierId: 'a1', imsi: '284010000000001', number: '+359882000001', balance: { amount: '7.50 EUR' } },
    ]);
    expect(fs.existsSync(path.join(dir, 'sim-2.json'))).toBe(true);
    daemon.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  }, 60_000);

  it('aLineOverTcpAndALineOnAPseudoTerminalInOneBox', async () => {
    const dir = tmpDir();
    const env = { GSMKEEPER_TOKEN: TOKEN };
    const tcp = spawnCli(['simulate', '--listen', '127.0.0.1:0', '--http', '127.0.0.1:0', '--state', path.join(dir, 'vivacom.json'), '--ussd-delay', '20'], env);
    spawned.push(tcp);
    const [, main] = await tcp.waitForOutput(/SIMULATOR LISTENING (tcp:\/\/\S+)/);
    const [, tcpHttp] = await tcp.waitForOutput(/SIMULATOR HTTP (http:\/\/\S+)/);
    const tty = path.join(dir, 'ttyGSM1');
    const pty = spawnPtyRelay(tty, ['simulate', '--stdio', '--dialect', 'a1', '--http', '127.0.0.1:0', '--state', path.join(dir, 'a1.json'), '--ussd-delay', '20'], env);
    spawned.push(pty);
    const [, ptyHttp] = await pty.waitForOutput(/SIMULATOR HTTP (http:\/\/\S+)/);
    await pty.waitForOutput(/PTY is \/dev\/pts\/\d+/);
    const config = path.join(dir, 'gsmkeeper.yml');
    fs.writeFileSync(config, `modem:\n  lockDir: ${dir}\nlines:\n  - name: main\n    port: ${main}\n${FACTS.vivacom}  - name: a1\n    port: ${tty}\n    baud: 115200\n${FACTS.a1}`);
    const daemon = spawnCli(['run', '--config', config, '--data-dir', path.join(dir, 'data'), '--http', '127.0.0.1:0', '--log-level', 'warn'], env);
    spawned.push(daemon);
    const [, relay] = await daemon.waitForOutput(/HTTP relay: (http:\/\/\S+)\/api\/v1\/commands/);

    expect(await creditOn(ptyHttp!, null, '0888900003')).toMatchObject({ from: '+359882000001', text: expect.stringMatching(/^Credit added: 5\.00 EUR/) });
    expect(await creditOn(tcpHttp!, null, '0888900004')).toMatchObject({ from: '+359881000001', text: expect.stringMatching(/^Credit added: 5\.00 EUR/) });
    const stat = await api(relay!, 'POST', '/api/v1/commands', { text: '*123456 STAT?' });
    expect(stat.json.reply).toMatch(/^main: Vivacom -71dBm 7\.50EUR to [\d.]+\. a1: A1 Bulgaria -71dBm 7\.50EUR to [\d.]+\. /);
  }, 60_000);
});
