import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenLines } from '../../src/cli/run.js';
import { TOKEN } from '../helpers/daemon.js';
import { spawnCli, type Spawned } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';

const spawned: Spawned[] = [];
afterEach(async () => {
  for (const p of spawned.splice(0)) {
    p.kill('SIGKILL');
    await p.exited;
  }
});

/** The daemon on its built-in simulator, as `npm start` runs it, until its banner is out. */
async function bannerOf(dataDir: string, env: Record<string, string>): Promise<string> {
  const daemon = spawnCli(['run', '--data-dir', dataDir, '--http', '127.0.0.1:0', '--log-level', 'warn'], env);
  spawned.push(daemon);
  await daemon.waitForOutput(/Try it:\n.*\n.*curl/);
  return daemon.output();
}

describe('the start banner never prints the access token into a log', () => {
  it('aGeneratedTokenIsShownOnceToATerminalAndOtherwiseOnlyWhereItIsKept', () => {
    const generated = { token: 'f00dfeedf00dfeedf00dfeed', source: 'data-dir' as const, file: 'data/http-token', generated: true };
    expect(tokenLines(generated, true).said).toBe('Access token: generated, kept in data/http-token: f00dfeedf00dfeedf00dfeed (shown this once)');
    expect(tokenLines(generated, false).said).toBe('Access token: generated, kept in data/http-token');
    expect(tokenLines({ ...generated, generated: false }, true)).toEqual({ said: 'Access token: kept in data/http-token', assign: 'T=$(cat data/http-token)' });
    expect(tokenLines({ token: TOKEN, source: 'environment', generated: false }, true)).toEqual({ said: 'Access token: from GSMKEEPER_TOKEN', assign: 'T="$GSMKEEPER_TOKEN"' });
    expect(tokenLines({ token: TOKEN, source: 'config', generated: false }, true).said).not.toContain(TOKEN);
  });

  it('theBannerOfADaemonUnderAServiceManagerSaysWhereTheTokenIsNotWhatItIs', async () => {
    const dataDir = path.join(tmpDir(), 'data');
    const banner = await bannerOf(dataDir, { GSMKEEPER_TOKEN: '' });
    const file = path.join(dataDir, 'http-token');
    const token = fs.readFileSync(file, 'utf8').trim();
    expect(banner).toContain(`Access token: generated, kept in ${file}\n`);
    expect(banner).toContain(`  T=$(cat ${file})\n`);
    expect(banner).toContain('-H "Authorization: Bearer $T"');
    expect(banner).not.toContain(token);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('aTokenFromTheEnvironmentIsNeverPrinted', async () => {
    const banner = await bannerOf(path.join(tmpDir(), 'data'), { GSMKEEPER_TOKEN: TOKEN });
    expect(banner).toContain('Access token: from GSMKEEPER_TOKEN\n');
    expect(banner).not.toContain(TOKEN);
  });

  it('aTokenFromTheEnvironmentShorterThanTheConfigAllowsIsRefusedWithOneLineAndExitCode2', async () => {
    const dataDir = path.join(tmpDir(), 'data');
    const daemon = spawnCli(['run', '--data-dir', dataDir, '--http', '127.0.0.1:0'], { GSMKEEPER_TOKEN: 'a' });
    spawned.push(daemon);
    expect(await daemon.exited).toBe(2);
    expect(daemon.output()).toBe('gsmkeeper: config: GSMKEEPER_TOKEN (as http.token): /http/token must NOT have fewer than 16 characters\n');
  });
});
