import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_CARRIERS_DIR, loadCarriers } from '../../src/carriers/loader.js';
import { silentLogger } from '../../src/log/logger.js';
import { Store } from '../../src/store/store.js';
import { Wallet } from '../../src/wallet/wallet.js';
import { api, TOKEN } from '../helpers/daemon.js';
import { runCliWithInput, spawnCli, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

const PASSPHRASE = 'a long walk to Rila';
const spawned: Spawned[] = [];
afterEach(async () => {
  for (const p of spawned.splice(0)) {
    p.kill('SIGKILL');
    await p.exited;
  }
});

/** The PINs the wallet in `dataDir` can open with that dir's own secret.key. */
function pinsThatOpen(dataDir: string): string[] {
  const store = Store.open(path.join(dataDir, 'gsmkeeper.db'));
  try {
    const carriers = loadCarriers([BUILTIN_CARRIERS_DIR]);
    const wallet = new Wallet({
      store, secret: fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim(), carriers, sims: () => [], recharge: null, today: () => '2026-01-01', logger: silentLogger(),
    });
    return wallet.usable(carriers.forImsi('284030000000001')).map((card) => card.pin);
  } finally {
    store.close();
  }
}

/** A data dir with a store and a wallet card, made by a daemon that is stopped again. */
async function stoppedBox(): Promise<{ dir: string; data: string; pin: string }> {
  const dir = tmpDir();
  const data = path.join(dir, 'data');
  const daemon = spawnCli(['run', '--data-dir', data, '--http', '127.0.0.1:0', '--log-level', 'warn'], { GSMKEEPER_TOKEN: TOKEN });
  spawned.push(daemon);
  const [, base] = await daemon.waitForOutput(/HTTP relay: (http:\/\/\S+)\/api\/v1\/commands/);
  const pin = '284123456789012';
  expect((await api(base!, 'POST', '/api/v1/vouchers', { pin, amount: '5.00', currency: 'EUR' })).status).toBe(201);
  daemon.kill('SIGTERM');
  expect(await daemon.exited).toBe(0);
  return { dir, data, pin };
}

describe('backup and restore', () => {
  it('aBackupOfALiveStoreRestoresIntoAnEmptyDirAndTheWalletPinStillOpens', async () => {
    const dir = tmpDir();
    const data = path.join(dir, 'data');
    const config = path.join(dir, 'gsmkeeper.yml');
    fs.writeFileSync(config, `dataDir: ${data}\nsms:\n  dailyCap: 20\n`);
    // No GSMKEEPER_TOKEN: the relay's token is generated into the data dir, and belongs in the backup.
    const daemon = spawnCli(['run', '--config', config, '--http', '127.0.0.1:0', '--log-level', 'warn'], { GSMKEEPER_TOKEN: '' });
    spawned.push(daemon);
    const [, base] = await daemon.waitForOutput(/HTTP relay: (http:\/\/\S+)\/api\/v1\/commands/);
    const [, tokenFile] = await daemon.waitForOutput(/Access token: generated, kept in (\S+)/);
    const token = fs.readFileSync(tokenFile!, 'utf8').trim();
    const { json } = await api(base!, 'GET', '/api/v1/sim/vouchers', undefined, token);
    const pin: string = json.vouchers[0].pin;
    expect((await api(base!, 'POST', '/api/v1/vouchers', { pin, amount: '5.00', currency: 'EUR', shop: 'Kiosk 7' }, token)).status).toBe(201);
    // The card is still in the daemon's write-ahead log: a copy of gsmkeeper.db alone would miss it.
    expect(fs.statSync(path.join(data, 'gsmkeeper.db-wal')).size).toBeGreaterThan(0);

    const file = path.join(dir, 'box.gsmkeeper-backup');
    const backup = runCliWithInput(['backup', file, '--config', config, '--seal'], `${PASSPHRASE}\n`);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/1 wallet card\(s\), every PIN opens with its key\), secret\.key, http-token, config\.yml\.\nSealed/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file).includes(Buffer.from(pin))).toBe(false);

    // The daemon holds the data dir: a restore into it is refused, and the daemon carries on.
    const intoLive = runCliWithInput(['restore', file, '--data-dir', data, '--force'], `${PASSPHRASE}\n`);
    expect(intoLive.status).toBe(2);
    expect(intoLive.stderr).toMatch(new RegExp(`^gsmkeeper: the data dir ${data} is in use by another gsmkeeper \\(PID \\d+, .*\\); stop it first`));
    // The demo has two lines; the card (15 digits, Vivacom's length) is for main's SIM.
    expect((await api(base!, 'POST', '/api/v1/commands', { text: '*123456 STAT?' }, token)).json.reply).toMatch(/Wallet main 1, a1 0\./);

    const elsewhere = path.join(tmpDir(), 'restored');
    const restoredConfig = path.join(path.dirname(elsewhere), 'gsmkeeper.yml');
    const restore = runCliWithInput(['restore', file, '--data-dir', elsewhere, '--config', restoredConfig], `${PASSPHRASE}\n`);
    expect(restore.status).toBe(0);
    expect(restore.stderr).toBe(`gsmkeeper: data dir ${elsewhere} does not exist: creating it\n`);
    expect(restore.stdout).toMatch(/1 wallet card\(s\), every PIN opens with its key\)/);
    expect(pinsThatOpen(elsewhere)).toEqual([pin]);
    expect(fs.readFileSync(path.join(elsewhere, 'http-token'))).toEqual(fs.readFileSync(path.join(data, 'http-token')));
    expect(fs.readFileSync(restoredConfig, 'utf8')).toBe(fs.readFileSync(config, 'utf8'));

    daemon.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });

  it('aWrongPassphraseIsRefusedClearlyAndNothingIsWritten', async () => {
    const box = await stoppedBox();
    const file = path.join(box.dir, 'box.bak');
    expect(runCliWithInput(['backup', file, '--data-dir', box.data, '--seal'], `${PASSPHRASE}\n`).status).toBe(0);
    const target = path.join(box.dir, 'restored');
    const wrong = runCliWithInput(['restore', file, '--data-dir', target], 'not the passphrase\n');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe(`gsmkeeper: ${file}: wrong passphrase\n`);
    expect(fs.existsSync(path.join(target, 'gsmkeeper.db'))).toBe(false);
  });

  it('aTamperedBackupIsRefusedSealedOrNot', async () => {
    const box = await stoppedBox();
    const sealed = path.join(box.dir, 'sealed.bak');
    const plain = path.join(box.dir, 'plain.bak');
    expect(runCliWithInput(['backup', sealed, '--data-dir', box.data, '--seal'], `${PASSPHRASE}\n`).status).toBe(0);
    expect(runCliWithInput(['backup', plain, '--data-dir', box.data], '').status).toBe(0);
    for (const [file, input, message] of [
      [sealed, `${PASSPHRASE}\n`, 'the backup was altered or damaged: its seal does not verify'],
      [plain, '', 'the backup was altered or damaged: gsmkeeper.db does not match its checksum'],
    ] as const) {
      const bytes = fs.readFileSync(file);
      bytes[bytes.length - 100_000]! ^= 0x01;
      fs.writeFileSync(file, bytes);
      const restore = runCliWithInput(['restore', file, '--data-dir', path.join(box.dir, 'restored')], input);
      expect(restore.status).toBe(2);
      expect(restore.stderr).toBe(`gsmkeeper: ${file}: ${message}\n`);
    }
    expect(fs.existsSync(path.join(box.dir, 'restored', 'gsmkeeper.db'))).toBe(false);
  });

  it('restoreOverwritesAStoreOnlyWithForce', async () => {
    const box = await stoppedBox();
    const file = path.join(box.dir, 'box.bak');
    expect(runCliWithInput(['backup', file, '--data-dir', box.data], '').status).toBe(0);
    expect(runCliWithInput(['backup', file, '--data-dir', box.data], '').stderr).toBe(`gsmkeeper: ${file} already exists: add --force to overwrite\n`);

    const refused = runCliWithInput(['restore', file, '--data-dir', box.data], '');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`gsmkeeper: ${file}: ${box.data}/gsmkeeper.db, ${box.data}/secret.key already there: add --force to overwrite\n`);
    // A stale write-ahead log next to the store would be replayed into the restored one.
    fs.writeFileSync(path.join(box.data, 'gsmkeeper.db-wal'), 'stale');
    const forced = runCliWithInput(['restore', file, '--data-dir', box.data, '--force'], '');
    expect(forced.status).toBe(0);
    expect(fs.existsSync(path.join(box.data, 'gsmkeeper.db-wal'))).toBe(false);
    expect(pinsThatOpen(box.data)).toEqual([box.pin]);
  });
});
