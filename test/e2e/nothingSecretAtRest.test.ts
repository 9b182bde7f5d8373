import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { databaseBytes } from '../helpers/database-bytes.js';
import { tmpDir } from '../helpers/tmp.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

const PASSWORD = '739251';
const NEW_PASSWORD = '604918';
const WRONG_PASSWORD = '518273';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

describe('nothing secret at rest (daemon + simulator + SQLite file)', () => {
  it('noCodeAndNoPasswordInTheDatabaseBytesAfterCreditBySmsOverHttpWrongPasswordAndMultipart', async () => {
    const dataDir = tmpDir();
    // Made the way a shell with umask 022 makes it: the daemon closes it.
    fs.chmodSync(dataDir, 0o755);
    running = await startDaemon({ dataDir, config: { password: PASSWORD } });
    const { simulator, baseUrl, daemon } = running;
    const [bySms, overHttp, byRechargeApi, wrong, multipart, grouped] = simulator.unusedVouchers().map((v) => v.pin);
    const groupedText = grouped!.match(/.{1,4}/g)!.join('-');

    simulator.sendSmsFromPhone('+359888700001', `*${PASSWORD} CREDIT ${bySms}`);
    expect((await messagesOn(() => simulator.phoneMessages('+359888700001')))[0]!.text).toMatch(/^Credit added/);
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: `*${PASSWORD} PH 0888700002 CREDIT ${overHttp}` })).json.reply).toMatch(/^Credit added/);
    expect((await api(baseUrl, 'POST', '/api/v1/recharge', { code: byRechargeApi })).json.outcome).toBe('success');
    simulator.sendSmsFromPhone('+359888700003', `*${WRONG_PASSWORD} CREDIT ${wrong}`);
    expect(simulator.sendSmsFromPhone('+359888700004', `${'Please top up the box on the hill. '.repeat(10)}*${PASSWORD} Ph 0888700005 Credit ${multipart}`)).toBe(true);
    expect((await messagesOn(() => simulator.phoneMessages('0888700005')))[0]!.text).toMatch(/^Credit added/);
    simulator.sendSmsFromPhone('+359888700006', `*${PASSWORD} CREDIT ${groupedText}`);
    expect((await messagesOn(() => simulator.phoneMessages('+359888700006')))[0]!.text).toBe('Invalid Security Code!');
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: `*${PASSWORD} PWD ${NEW_PASSWORD}` })).status).toBe(200);
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: `*${NEW_PASSWORD} STAT?` })).json.reply).toMatch(/^Signal/);
    await waitFor(() => (daemon.store.db.prepare("SELECT COUNT(*) AS n FROM commands WHERE state = 'dropped'").get() as { n: number }).n === 1, 5000, 'the wrong password dropped');
    await daemon.settle();

    // The message log shows what was kept: masked however the code was written.
    const log = (await api(baseUrl, 'GET', '/api/v1/messages?limit=20')).json.messages.map((m: { text: string }) => m.text);
    expect(log).toContain(`*•••••• CREDIT ****-****-***${grouped!.slice(-4, -3)}-${grouped!.slice(-3)}`);
    expect(log).toContain(`*•••••• CREDIT ***********${wrong!.slice(-4)}`);
    expect(log).toContain(`*•••••• PWD ••••••`);

    const secrets = [bySms, overHttp, byRechargeApi, wrong, multipart, grouped, PASSWORD, NEW_PASSWORD, WRONG_PASSWORD] as string[];
    const whileRunning = databaseBytes(path.join(dataDir, 'gsmkeeper.db'));
    expect(secrets.filter((s) => whileRunning.includes(s))).toEqual([]);
    await running.stop();
    running = null;
    const afterStop = databaseBytes(path.join(dataDir, 'gsmkeeper.db'));
    expect(secrets.filter((s) => afterStop.includes(s))).toEqual([]);

    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const name of fs.readdirSync(dataDir).filter((n) => n.startsWith('gsmkeeper.db') || n === 'secret.key')) {
      expect([name, fs.statSync(path.join(dataDir, name)).mode & 0o777]).toEqual([name, 0o600]);
    }
  });
});
