import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTester, recorder, useBroker } from '../helpers/broker.js';
import { api, TOKEN } from '../helpers/daemon.js';
import { spawnCli, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const broker = useBroker();

const spawned: Spawned[] = [];
const testers: MqttClient[] = [];
afterEach(async () => {
  await Promise.all(testers.splice(0).map((client) => client.endAsync(true)));
  await Promise.all(spawned.splice(0).map((p) => p.stop()));
});

/** A data dir and config for a box called `boxId`, its simulator quick to answer. */
function boxDir(boxId: string): { dir: string; config: string } {
  const dir = tmpDir();
  const config = path.join(dir, 'gsmkeeper.yml');
  fs.writeFileSync(config, `mqtt:\n  boxId: ${boxId}\nsimulator:\n  ussdDelayMs: 20\n`);
  return { dir, config };
}

/** `gsmkeeper run --mqtt <broker>` as the box runs it, its relay on a free port. */
async function runBox(where: { dir: string; config: string }): Promise<{ box: Spawned; relay: string }> {
  const box = spawnCli(['run', '--config', where.config, '--data-dir', path.join(where.dir, 'data'), '--http', '127.0.0.1:0', '--mqtt', broker.url, '--log-level', 'warn'], { GSMKEEPER_TOKEN: TOKEN });
  spawned.push(box);
  const [, relay] = await box.waitForOutput(/HTTP relay: (http:\/\/\S+)\/api\/v1\/commands/);
  return { box, relay: relay! };
}

async function listen(boxId: string) {
  const client = await connectTester(broker.url);
  testers.push(client);
  const heard = recorder(client);
  await client.subscribeAsync(`gsmkeeper/${boxId}/#`, { qos: 1 });
  return { client, heard };
}

describe('the box as its own process on a real broker', () => {
  it('killedWithSigkillTheBoxIsMarkedOfflineByItsWill', async () => {
    const where = boxDir('willbox');
    const { heard } = await listen('willbox');
    const { box } = await runBox(where);
    await heard.next('gsmkeeper/willbox/status', (m) => m.text === 'online');
    box.kill('SIGKILL');
    await box.exited;
    // No goodbye was said: the broker publishes the will, retained.
    await heard.next('gsmkeeper/willbox/status', (m) => m.text === 'offline');
    const later = await listen('willbox');
    expect((await later.heard.next('gsmkeeper/willbox/status')).text).toBe('offline');
  });

  it('aCommandDeliveredAgainAfterARestartIsAnsweredFromTheRecordAndDialledOnce', async () => {
    const where = boxDir('hillbox');
    const { client, heard } = await listen('hillbox');
    let { box, relay } = await runBox(where);
    await heard.next('gsmkeeper/hillbox/status', (m) => m.text === 'online');
    const pin: string = (await api(relay, 'GET', '/api/v1/sim/vouchers')).json.vouchers[0].pin;
    const recharge = JSON.stringify({ id: 'card-0001', action: 'recharge', args: { code: pin } });

    await client.publishAsync('gsmkeeper/hillbox/cmd', recharge, { qos: 1 });
    const first = await heard.next('gsmkeeper/hillbox/res/card-0001');
    expect(first.json()).toMatchObject({ ok: true, outcome: 'success', card: `***********${pin.slice(-4)}` });

    box.kill('SIGTERM');
    expect(await box.exited).toBe(0);
    // A clean stop says so itself.
    await heard.next('gsmkeeper/hillbox/status', (m) => m.text === 'offline');

    // While the box is away: the same command again (a copy delivered twice) and a new one; both
    // wait at the broker in the box's session.
    await client.publishAsync('gsmkeeper/hillbox/cmd', recharge, { qos: 1, dup: true });
    await client.publishAsync('gsmkeeper/hillbox/cmd', JSON.stringify({ id: 'stat-0002', text: '*123456 STAT?' }), { qos: 1 });

    ({ box, relay } = await runBox(where));
    await waitFor(() => heard.on('gsmkeeper/hillbox/res/card-0001').length === 2, 15_000, 'the copy answered');
    expect(heard.on('gsmkeeper/hillbox/res/card-0001')[1]!.text).toBe(first.text);
    expect((await heard.next('gsmkeeper/hillbox/res/stat-0002')).json()).toMatchObject({ ok: true, command: 'STAT?', reply: expect.stringMatching(/^main: Vivacom -\d+dBm 7\.50EUR to /) });

    box.kill('SIGTERM');
    expect(await box.exited).toBe(0);
    const db = new Database(path.join(where.dir, 'data', 'gsmkeeper.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT state, code_masked FROM recharges').all()).toEqual([{ state: 'success', code_masked: `***********${pin.slice(-4)}` }]);
      expect(db.prepare('SELECT id, state FROM mqtt_commands ORDER BY id').all()).toEqual([{ id: 'card-0001', state: 'answered' }, { id: 'stat-0002', state: 'answered' }]);
    } finally {
      db.close();
    }
  });
});
