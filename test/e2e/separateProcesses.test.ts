import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, TOKEN } from '../helpers/daemon.js';
import { spawnCli, spawnPtyRelay, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const spawned: Spawned[] = [];
afterEach(async () => {
  await Promise.all(spawned.splice(0).map((p) => p.stop()));
});

async function creditThroughSimulatorHttp(simHttp: string): Promise<string> {
  const { json } = await api(simHttp, 'GET', '/api/v1/sim/vouchers');
  const pin: string = json.vouchers[0].pin;
  expect((await api(simHttp, 'POST', '/api/v1/sim/sms', { from: '+359888000111', text: `*123456 Ph 0888123456 Credit ${pin}` })).status).toBe(202);
  const messages = await waitFor(async () => {
    const { json: inbox } = await api(simHttp, 'GET', '/api/v1/sim/phones/0888123456/messages');
    return inbox.messages.length ? inbox.messages : null;
  }, 20_000, 'the reply on the phone');
  return messages[0].text;
}

describe('the daemon and the simulator as separate processes', () => {
  it('daemonTalksToTheSimulatorOverTcpLikeSer2net', async () => {
    const dir = tmpDir();
    const env = { GSMKEEPER_TOKEN: TOKEN };
    const sim = spawnCli(['simulate', '--listen', '127.0.0.1:0', '--http', '127.0.0.1:0', '--state', path.join(dir, 'sim.json'), '--ussd-delay', '20'], env);
    spawned.push(sim);
    const [, modemAddress] = await sim.waitForOutput(/SIMULATOR LISTENING (tcp:\/\/\S+)/);
    const [, simHttp] = await sim.waitForOutput(/SIMULATOR HTTP (http:\/\/\S+)/);

    const daemon = spawnCli(['run', '--port', modemAddress!, '--data-dir', path.join(dir, 'data'), '--http', '127.0.0.1:0', '--log-level', 'warn'], env);
    spawned.push(daemon);
    const [, relay] = await daemon.waitForOutput(/HTTP relay: (http:\/\/\S+)\/api\/v1\/commands/);

    expect(await creditThroughSimulatorHttp(simHttp!)).toMatch(/^Credit added: 5\.00 EUR\. Balance: 7\.50 EUR\. Valid until/);
    expect((await api(relay!, 'POST', '/api/v1/commands', { text: '*123456 STAT?' })).json.reply).toMatch(/^Signal/);

    daemon.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });

  it('daemonTalksToTheSimulatorOnARealPseudoTerminal', async () => {
    const dir = tmpDir();
    const tty = path.join(dir, 'ttyGSM0');
    const env = { GSMKEEPER_TOKEN: TOKEN };
    // The relay owns the pty; the simulator process is the modem behind it, speaking on stdin/stdout.
    const relay = spawnPtyRelay(tty, ['simulate', '--stdio', '--http', '127.0.0.1:0', '--state', path.join(dir, 'sim.json'), '--ussd-delay', '20'], env);
    spawned.push(relay);
    const [, simHttp] = await relay.waitForOutput(/SIMULATOR HTTP (http:\/\/\S+)/);
    const [, pts] = await relay.waitForOutput(/PTY is (\/dev\/pts\/\d+)/);
    expect(fs.realpathSync(tty)).toBe(pts);

    // The port's UUCP lock goes to the test's own folder, not the box's /var/lock.
    const config = path.join(dir, 'gsmkeeper.yml');
    (await import('node:fs')).writeFileSync(config, `modem:\n  lockDir: ${dir}\n`);
    const daemon = spawnCli(['run', '--config', config, '--port', tty, '--baud', '115200', '--data-dir', path.join(dir, 'data'), '--http', '127.0.0.1:0', '--log-level', 'warn'], env);
    spawned.push(daemon);
    await daemon.waitForOutput(/HTTP relay: /);
    expect(await creditThroughSimulatorHttp(simHttp!)).toMatch(/^Credit added: 5\.00 EUR\./);
  });

  it('aBadConfigFileGivesAOneLineErrorAndExitCode2', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'gsmkeeper.yml');
    fs.writeFileSync(file, 'password: abc\nmodem:\n  baud: 12\n');
    const daemon = spawnCli(['run', '--config', file, '--data-dir', dir]);
    spawned.push(daemon);
    expect(await daemon.exited).toBe(2);
    expect(daemon.output()).toMatch(/^gsmkeeper: config: .*password.*\n$/);
  });
});

describe('the operator at the command line', () => {
  it('versionIsThePackageVersion', async () => {
    const cli = spawnCli(['--version']);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toBe(`${JSON.parse(fs.readFileSync('package.json', 'utf8')).version}\n`);
  });

  it('aBaudRateThatIsNotOneNamesTheFlagAndTheAllowedRates', async () => {
    const daemon = spawnCli(['run', '--baud', 'fast', '--data-dir', tmpDir()]);
    spawned.push(daemon);
    expect(await daemon.exited).toBe(2);
    expect(daemon.output()).toBe('gsmkeeper: config: the command line: --baud "fast" is not allowed; allowed: 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600\n');
  });

  it('aMisspeltKeyIsNamedWithTheKeyItMeant', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'gsmkeeper.yml'), 'modme:\n  port: /dev/ttyUSB0\n');
    const daemon = spawnCli(['run', '--config', path.join(dir, 'gsmkeeper.yml'), '--data-dir', dir]);
    spawned.push(daemon);
    expect(await daemon.exited).toBe(2);
    expect(daemon.output()).toBe(`gsmkeeper: config: ${dir}/gsmkeeper.yml: unknown key "modme" (did you mean "modem"?)\n`);
  });

  it('aBadCronExpressionStopsTheStartBeforeTheModemIsTouched', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'gsmkeeper.yml'), 'credit:\n  checkSchedule: "0 9 * * * * *"\n');
    // The port does not exist: had the config been checked after the modem, this would fail on the port.
    const daemon = spawnCli(['run', '--config', path.join(dir, 'gsmkeeper.yml'), '--port', path.join(dir, 'no-such-tty'), '--data-dir', dir]);
    spawned.push(daemon);
    expect(await daemon.exited).toBe(2);
    expect(daemon.output()).toBe(`gsmkeeper: config: ${dir}/gsmkeeper.yml: credit.checkSchedule "0 9 * * * * *" is not a cron expression (minute hour day month weekday, e.g. "0 9 * * *")\n`);
  });

  it('aDataDirThatIsNotThereIsCreatedAndTheOperatorTold', async () => {
    const data = path.join(tmpDir(), 'not', 'yet');
    const daemon = spawnCli(['run', '--data-dir', data, '--http', '127.0.0.1:0', '--log-level', 'warn'], { GSMKEEPER_TOKEN: TOKEN });
    spawned.push(daemon);
    await daemon.waitForOutput(/HTTP relay: /);
    expect(daemon.output()).toMatch(new RegExp(`^gsmkeeper: data dir ${data} does not exist: creating it\n`));
    expect(fs.existsSync(path.join(data, 'gsmkeeper.db'))).toBe(true);
  });
});

describe('credit reset from the command line', () => {
  it('clearsTheAttemptLockSoRechargingWorksAgain', async () => {
    const { Store } = await import('../../src/store/store.js');
    const dir = tmpDir();
    const store = Store.open(path.join(dir, 'gsmkeeper.db'));
    for (const n of [1, 2]) {
      const id = store.recharges.begin({ line: 'main', imsi: '284030000000001', carrier: 'vivacom', codeHash: `h${n}`, codeMasked: '***', commandId: null, requestedBy: 'x' });
      store.recharges.finish(id, { state: 'rejected', answer: 'Nevaliden' });
    }
    expect(store.recharges.rejectionsSince('284030000000001', '1970-01-01')).toBe(2);
    store.close();
    const cli = spawnCli(['credit', 'reset', '--data-dir', dir]);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/reset for 1 SIM/);
    const after = Store.open(path.join(dir, 'gsmkeeper.db'));
    expect(after.recharges.rejectionsSince('284030000000001', '1970-01-01')).toBe(0);
    after.close();
  });
});

describe('codec command-line tools', () => {
  it('pduDecodePrintsJson', async () => {
    const cli = spawnCli(['pdu', 'decode', '07919730071111F10414D04937BD2C7797E9D3E614000811309291024061080442043504410442']);
    expect(await cli.exited).toBe(0);
    expect(JSON.parse(cli.output())).toEqual({
      type: 'deliver', encoding: 'ucs2', concat: null, text: 'тест', truncated: false, sender: 'InternetSMS', timestamp: '2011-03-29T19:20:04+04:00', smsc: '+79037011111', class: null,
    });
  });

  it('pduEncodeGivesEachPartWithItsCmgsLength', async () => {
    const cli = spawnCli(['pdu', 'encode', '--to', '+15555551234', 'Да здравствует король, детка!']);
    expect(await cli.exited).toBe(0);
    const [part] = JSON.parse(cli.output());
    expect(part).toMatchObject({ part: 1, cmgsLength: 72 });
    expect(part.pdu.startsWith('0011000B915155551532F40008')).toBe(true);
  });

  it('ussdDecodeReadsAUcs2Answer', async () => {
    const cli = spawnCli(['ussd', 'decode', '+CUSD: 0,"04110430043B0430043D0441",72']);
    expect(await cli.exited).toBe(0);
    expect(JSON.parse(cli.output())).toEqual({ status: 'answer', text: 'Баланс', dcs: 72 });
  });

  it.each([
    [['pdu', 'decode', '0791'], /^gsmkeeper: PDU truncated/],
    [['pdu', 'decode', '079'], /^gsmkeeper: odd-length hex/],
    [['ussd', 'decode', 'hello'], /^gsmkeeper: not a \+CUSD line/],
    [['pdu', 'encode', 'x'], /^gsmkeeper: --to <number> is required/],
  ])('bad input %j gives one line and exit code 2', async (args, message) => {
    const cli = spawnCli(args);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(message);
    expect(cli.output().trim().split('\n')).toHaveLength(1);
  });
});

describe('unplug and replug under a new name', () => {
  it('unplugAndReplugUnderNewName', async () => {
    const dir = tmpDir();
    // The stable name (as /dev/serial/by-id/… is) points at a new /dev/pts/N after the replug.
    const byId = path.join(dir, 'usb-Simulated_GSM_Modem-if00-port0');
    const env = { GSMKEEPER_TOKEN: TOKEN };
    const plugIn = async () => {
      const relay = spawnPtyRelay(byId, ['simulate', '--stdio', '--http', '127.0.0.1:0', '--state', path.join(dir, 'sim.json'), '--ussd-delay', '20'], env);
      spawned.push(relay);
      const [, simHttp] = await relay.waitForOutput(/SIMULATOR HTTP (http:\/\/\S+)/);
      const [, pts] = await relay.waitForOutput(/PTY is (\/dev\/pts\/\d+)/);
      return { relay, simHttp: simHttp!, pts: pts! };
    };
    const first = await plugIn();
    const config = path.join(dir, 'gsmkeeper.yml');
    fs.writeFileSync(config, `modem:\n  keepAliveSeconds: 5\n  reopenWaitSeconds: 60\n  restartWaitSeconds: 1\n  lockDir: ${dir}\n`);
    const daemon = spawnCli(['run', '--config', config, '--port', byId, '--data-dir', path.join(dir, 'data'), '--http', '127.0.0.1:0', '--log-level', 'info'], env);
    spawned.push(daemon);
    await daemon.waitForOutput(/HTTP relay: /);

    first.relay.kill('SIGKILL');
    await first.relay.exited;
    // Something else takes the old pts number, as USB re-enumeration rarely gives the same name back.
    const squatter = spawnPtyRelay(path.join(dir, 'squatter'));
    spawned.push(squatter);
    await squatter.waitForOutput(/PTY is/);
    await daemon.waitForOutput(/"step":"reopen"/, 30_000);
    const second = await plugIn();
    expect(second.pts).not.toBe(first.pts);
    await daemon.waitForOutput(/"step":"healthy"/, 60_000);
    expect(await creditThroughSimulatorHttp(second.simHttp)).toMatch(/^Credit added: 5\.00 EUR\./);
  }, 120_000);
});
