import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { api, TOKEN } from '../helpers/daemon.js';
import { ROOT, spawnCli, spawnProcess, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const spawned: Spawned[] = [];
afterEach(async () => {
  for (const p of spawned.splice(0)) {
    p.kill('SIGKILL');
    await p.exited;
  }
});

describe('the daemon under systemd (Type=notify, WatchdogSec)', () => {
  it('saysReadyAndItsStatusPingsTheWatchdogStopsPingingWhileTheSupervisorIsStuckInOneRungAndSaysStopping', async () => {
    const dir = tmpDir();
    const socketPath = path.join(dir, 'notify');
    // systemd's end of NOTIFY_SOCKET: python3 binds it and prints each datagram as a JSON line.
    const receiver = spawnProcess('python3', [path.join(ROOT, 'test/helpers/notify-receiver.py'), socketPath]);
    spawned.push(receiver);
    await receiver.waitForOutput(/^bound$/m);
    const received = () => receiver.output().split('\n').filter((l) => l.startsWith('"')).map((l) => JSON.parse(l) as string);
    const arrived = (what: string, test: (datagrams: string[]) => boolean, timeoutMs = 30_000) => waitFor(() => test(received()), timeoutMs, what);
    const pings = () => received().filter((d) => d === 'WATCHDOG=1').length;

    // A long ladder: the restart rung waits ten minutes for the modem, far beyond WatchdogSec. One
    // simulated line, whose stuck supervisor is the box's.
    const config = path.join(dir, 'gsmkeeper.yml');
    fs.writeFileSync(config, 'lines:\n  - name: main\nmodem:\n  keepAliveSeconds: 5\n  restartWaitSeconds: 600\nsimulator:\n  ussdDelayMs: 10\n');
    const port = await freePort();
    const daemon = spawnCli(['run', '--config', config, '--data-dir', path.join(dir, 'data'), '--http', `127.0.0.1:${port}`], {
      NOTIFY_SOCKET: socketPath,
      WATCHDOG_USEC: '8000000',
      GSMKEEPER_TOKEN: TOKEN,
    });
    spawned.push(daemon);

    await arrived('READY=1', (d) => d.some((x) => x.startsWith('READY=1\n')));
    expect(received().find((x) => x.startsWith('READY=1\n'))).toMatch(/\nSTATUS=Vivacom; modem ok; balance /);
    // Pings go on past the watchdog's own timeout: the keep-alives keep proving the modem answers.
    await arrived('six watchdog pings', () => pings() >= 6);

    // RESET climbs the ladder from the restart rung (AT+CFUN=1,1, then the wait). Its HTTP answer
    // comes when the stop below cuts the wait short; the connection is not kept alive after it.
    void fetch(`http://127.0.0.1:${port}/api/v1/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ text: '*123456 RESET' }),
    }).catch(() => undefined);
    await arrived('a status saying the modem is in the restart rung', (d) => d.some((x) => x.startsWith('STATUS=Vivacom; modem recovering (restart)')));
    await arrived('a status saying pings are withheld', (d) => d.some((x) => x.includes('watchdog pings withheld: the modem supervisor has made no progress')));
    const withheldAt = received().findIndex((x) => x.includes('watchdog pings withheld'));
    // Two and a half health ticks (each a quarter of WatchdogSec) later, still no ping after it.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(received().slice(withheldAt)).not.toContain('WATCHDOG=1');

    daemon.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
    await arrived('STOPPING=1', (d) => d.includes('STOPPING=1\nSTATUS=stopping'), 5000);
  }, 120_000);

  it('aSigtermDuringARechargeLetsItFinishAndItsReplyIsDeliveredOnceAfterTheRestart', async () => {
    const dir = tmpDir();
    const config = path.join(dir, 'gsmkeeper.yml');
    // The carrier takes a second and a half to answer, so the stop comes while the dial is out.
    fs.writeFileSync(config, 'simulator:\n  ussdDelayMs: 1500\n');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const start = () => {
      const daemon = spawnCli(['run', '--config', config, '--data-dir', path.join(dir, 'data'), '--http', `127.0.0.1:${port}`], { GSMKEEPER_TOKEN: TOKEN });
      spawned.push(daemon);
      return daemon;
    };
    let daemon = start();
    await daemon.waitForOutput(/"msg":"ready"/);
    const { json } = await api(base, 'GET', '/api/v1/sim/vouchers');
    await api(base, 'POST', '/api/v1/sim/sms', { from: '+359888123456', text: `*123456 CREDIT ${json.vouchers[0].pin}` });
    await daemon.waitForOutput(/dialling voucher/);
    daemon.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);

    const db = new Database(path.join(dir, 'data', 'gsmkeeper.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT state FROM recharges').all()).toEqual([{ state: 'success' }]);
      expect(db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE text LIKE 'Credit added%'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }

    daemon = start();
    await daemon.waitForOutput(/"msg":"ready"/);
    const replies = await waitFor(async () => {
      const { json: inbox } = await api(base, 'GET', '/api/v1/sim/phones/0888123456/messages');
      return inbox.messages.length ? inbox.messages : null;
    }, 20_000, 'the reply on the phone');
    expect(replies.map((m: { text: string }) => m.text)).toEqual([expect.stringMatching(/^Credit added: 5\.00 EUR\./)]);
    daemon.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  }, 60_000);
});
