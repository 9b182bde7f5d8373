import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../helpers/daemon.js';
import { spawnCli, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

const TOKEN = 'demo-token-0123456789abcdef';
let spawned: Spawned | null = null;
afterEach(async () => {
  spawned?.kill();
  await spawned?.exited;
  spawned = null;
});

describe('the demo (`npm start` with no modem)', () => {
  it('readsLiveBalancesFromTheSimulatedCarrierAndTheFirstRechargeSaysWhatItWas', async () => {
    spawned = spawnCli(['run', '--data-dir', tmpDir(), '--http', '127.0.0.1:0', '--log-level', 'warn'], { GSMKEEPER_TOKEN: TOKEN });
    const [, base] = await spawned.waitForOutput(/HTTP relay: (http:\/\/127\.0\.0\.1:\d+)\/api\/v1\/commands/);
    const command = async (text: string) => (await api(base!, 'POST', '/api/v1/commands', { text }, TOKEN)).json.reply as string;

    expect(await command('*123456 CREDIT?')).toMatch(/^Balance: 2\.50 EUR\. Valid until \d\d\.\d\d\.\d{4}\.$/);
    const pin = (await api(base!, 'GET', '/api/v1/sim/vouchers', undefined, TOKEN)).json.vouchers[0].pin as string;
    expect(await command(`*123456 CREDIT ${pin}`)).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR \(was 2\.50 EUR\)\. Valid until/);
    // The simulated carrier published its codes, so nothing is reported as a guess.
    expect((await api(base!, 'GET', '/api/v1/health', undefined, null)).json).toMatchObject({ unconfirmed: [], unsettledRecharges: 0 });
  });
});
