import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../helpers/daemon.js';
import { spawnCli, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const TOKEN = 'demo-token-0123456789abcdef';
let spawned: Spawned | null = null;
afterEach(async () => {
  spawned?.kill();
  await spawned?.exited;
  spawned = null;
});

describe('the demo (`npm start` with no modem)', () => {
  it('startsTwoLinesOnTwoCarriersThatReadLiveBalancesAndSayWhatTheFirstRechargeWas', async () => {
    spawned = spawnCli(['run', '--data-dir', tmpDir(), '--http', '127.0.0.1:0', '--log-level', 'warn'], { GSMKEEPER_TOKEN: TOKEN });
    const [, base] = await spawned.waitForOutput(/HTTP relay: (http:\/\/127\.0\.0\.1:\d+)\/api\/v1\/commands/);
    expect(spawned.output()).toMatch(/running two simulated lines, main \(vivacom, 284-03\) and a1 \(a1, 284-01\)/);
    expect(spawned.output()).toMatch(/Lines: +main \(ready, Vivacom\), a1 \(ready, A1 Bulgaria\)/);
    const command = async (text: string, destination: string) => (await api(base!, 'POST', '/api/v1/commands', { text, destination }, TOKEN)).json.reply as string;

    expect(await command('*123456 CREDIT?', 'main')).toMatch(/^Balance: 2\.50 EUR\. Valid until \d\d\.\d\d\.\d{4}\.$/);
    expect(await command('*123456 CREDIT?', 'a1')).toMatch(/^Balance: 2\.50 EUR\. Valid until \d\d\.\d\d\.\d{4}\.$/);
    const pin = (await api(base!, 'GET', '/api/v1/sim/vouchers', undefined, TOKEN)).json.vouchers[0].pin as string;
    expect(await command(`*123456 CREDIT ${pin}`, 'main')).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR \(was 2\.50 EUR\)\. Valid until/);
    // A1's answer comes by SMS from 100, which the box waits for.
    const a1Pin = (await api(base!, 'GET', '/api/v1/sim/vouchers?line=a1', undefined, TOKEN)).json.vouchers[0].pin as string;
    expect(a1Pin).toHaveLength(14);
    expect(await command(`*123456 CREDIT ${a1Pin}`, 'a1')).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR \(was 2\.50 EUR\)\. Valid until/);
    // The simulated carriers published their codes, so nothing is reported as a guess.
    const health = await waitFor(async () => {
      const json = (await api(base!, 'GET', '/api/v1/health', undefined, null)).json;
      return json.status === 'ok' ? json : null;
    }, 10_000, 'both lines ready');
    expect(health).toMatchObject({ unconfirmed: [], unsettledRecharges: 0, lines: [{ name: 'main', state: 'ready', carrier: 'vivacom' }, { name: 'a1', state: 'ready', carrier: 'a1' }] });
  }, 60_000);
});
