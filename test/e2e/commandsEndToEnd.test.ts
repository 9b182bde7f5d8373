import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { Simulator } from '../../src/sim/simulator.js';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { spawnCli } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

describe('commands end to end', () => {
  it('aRechargeAnsweredBySmsInsteadOfUssdIsReportedFromThatSms', async () => {
    // The simulated A1 acknowledges by USSD and sends the outcome by SMS from 100.
    const simulator = new Simulator({ dialect: 'a1', timing: { ussdDelayMs: 10 } });
    running = await startDaemon({ simulator });
    const pin = simulator.unusedVouchers()[0]!.pin;
    simulator.sendSmsFromPhone('+359888610001', `*123456 CREDIT ${pin}`);
    const [reply] = await messagesOn(() => simulator.phoneMessages('+359888610001'));
    expect(reply!.text).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR\. Valid until/);
    const dropped = running.daemon.store.db.prepare("SELECT sender, drop_reason FROM commands WHERE state = 'dropped'").all();
    expect(dropped).toEqual([{ sender: '100', drop_reason: 'carrier answer to a recharge' }]);
  });

  it('settingsChangedBySmsSurviveARestart', async () => {
    running = await startDaemon({ config: { groups: { config: ['+359888620001'], command: [], notify: [] } } });
    const { simulator, dataDir } = running;
    simulator.sendSmsFromPhone('+359888620001', '*123456 PWD 246802');
    simulator.sendSmsFromPhone('+359888620001', '*246802 PH 0888620001 LANG BG');
    await messagesOn(() => simulator.phoneMessages('+359888620001'));
    await running.stop();
    running = await startDaemon({ dataDir, simulator, config: { groups: { config: ['+359888620001'], command: [], notify: [] } } });
    // The new password holds, and the number that chose Bulgarian is still answered in it; another is not.
    simulator.sendSmsFromPhone('+359888620001', '*246802 FLY');
    simulator.sendSmsFromPhone('+359888620002', '*246802 FLY');
    const [, mine] = await messagesOn(() => simulator.phoneMessages('+359888620001'), 2);
    const [theirs] = await messagesOn(() => simulator.phoneMessages('+359888620002'));
    expect([mine!.text, theirs!.text]).toEqual(['Nepoznata komanda: FLY', 'Unknown command: FLY']);
  });

  it('creditQueryWalksTheYettelMenuAndAnswersWithTheBalance', async () => {
    const simulator = new Simulator({ dialect: 'yettel', timing: { ussdDelayMs: 10 } });
    running = await startDaemon({ simulator });
    simulator.sendSmsFromPhone('+359888630001', '*123456 CREDIT?');
    const [reply] = await messagesOn(() => simulator.phoneMessages('+359888630001'));
    expect(reply!.text).toMatch(/^Balance: 2\.50 EUR\. Valid until \d\d\.\d\d\.\d{4}\.$/);
    // The menu walked once: the start-up balance check (no balance known yet) and CREDIT?, which
    // came in beside it, share one read.
    expect(simulator.dialLog().map((d) => d.ussd)).toEqual(['4']);
  });

  // Vivacom publishes no balance code; the installer configured the one the simulator answers.
  const withBalanceCode = { credit: { ...DEFAULT_CONFIG.credit, balanceUssd: '*102#' } };

  it('aBoxThatKnowsNoBalanceAsksAtStartUpSoTheFirstRechargeSaysWhatItWas', async () => {
    running = await startDaemon({ config: withBalanceCode });
    const { simulator, daemon } = running;
    await waitFor(() => daemon.store.balances.latest('284030000000001') !== undefined, 5000, 'the start-up balance check');
    const pin = simulator.unusedVouchers()[0]!.pin;
    simulator.sendSmsFromPhone('+359888630002', `*123456 CREDIT ${pin}`);
    const [reply] = await messagesOn(() => simulator.phoneMessages('+359888630002'));
    expect(reply!.text).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR \(was 2\.50 EUR\)\. Valid until/);
  });

  it('aBoxWithARecentBalanceDoesNotAskAgainAtStartUp', async () => {
    running = await startDaemon({ config: withBalanceCode });
    const { dataDir, simulator } = running;
    await waitFor(() => running!.daemon.store.balances.latest('284030000000001') !== undefined, 5000, 'the start-up balance check');
    await running.stop();
    running = await startDaemon({ dataDir, simulator, config: withBalanceCode });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(running.daemon.store.db.prepare('SELECT COUNT(*) AS n FROM balances').get()).toEqual({ n: 1 });
  });

  it('yettelHasNoRechargeServiceSoCreditIsUnavailable', async () => {
    const simulator = new Simulator({ dialect: 'yettel', timing: { ussdDelayMs: 10 } });
    running = await startDaemon({ simulator });
    simulator.sendSmsFromPhone('+359888640001', '*123456 CREDIT 123456789012345');
    const [reply] = await messagesOn(() => simulator.phoneMessages('+359888640001'));
    expect(reply!.text).toBe('Add Credit operation is Unavailable!');
  });

  it('carriersCheckValidatesAProfileAndItsSamples', async () => {
    const good = spawnCli(['carriers', 'check', 'carriers/a1.json']);
    expect(await good.exited).toBe(0);
    expect(good.output()).toMatch(/A1 Bulgaria \(28401\) is valid; 6 sample answer\(s\) read as expected/);
    const bad = path.join(tmpDir(), 'bad.json');
    const data = JSON.parse(fs.readFileSync('carriers/vivacom.json', 'utf8'));
    data.samples[0].expect.added = '9.99 EUR';
    fs.writeFileSync(bad, JSON.stringify(data));
    const failed = spawnCli(['carriers', 'check', bad]);
    expect(await failed.exited).toBe(2);
    expect(failed.output()).toMatch(/^gsmkeeper: carrier profile: .*added 5\.00 EUR, expected 9\.99 EUR/);
  });
});
