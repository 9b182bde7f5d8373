import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { childEnv, ROOT } from './processes.js';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A real headless Chromium for the web panel's tests, from the npm package @sparticuz/chromium
 * (a devDependency), so `npm ci` is all a machine needs. `CHROMIUM_PATH` names another Chromium
 * instead (the package ships one for x64 Linux only).
 */
export async function launchChromium(): Promise<Browser> {
  const own = process.env.CHROMIUM_PATH;
  if (own) return chromium.launch({ executablePath: own, args: ARGS, env: childEnv() });
  const unpacked = await unpackedChromium();
  return chromium.launch({
    executablePath: unpacked.executable,
    args: ARGS,
    // The libraries it links against (NSS, expat) come with it, so the system needs none; with the
    // run's id, so the run's teardown finds a browser a failed test left open.
    env: childEnv({ LD_LIBRARY_PATH: [unpacked.libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') }),
  });
}

/**
 * The package keeps Chromium brotli-compressed. Its own unpacking writes into the shared /tmp in
 * place (a run killed halfway leaves a broken binary that later runs trust) and brings the
 * libraries only on AWS Lambda; here it is unpacked once per installed version under
 * node_modules/.cache, into a staging directory renamed into place when complete.
 */
async function unpackedChromium(): Promise<{ executable: string; libraries: string }> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`@sparticuz/chromium has a Chromium for x64 Linux only, not ${process.platform}-${process.arch}: set CHROMIUM_PATH to a Chromium for this machine`);
  }
  const packageDir = path.join(ROOT, 'node_modules', '@sparticuz', 'chromium');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const cache = path.join(ROOT, 'node_modules', '.cache', `sparticuz-chromium-${version}`);
  const layout = { executable: path.join(cache, 'chromium'), libraries: path.join(cache, 'lib') };
  if (fs.existsSync(cache)) return layout;

  fs.mkdirSync(path.dirname(cache), { recursive: true });
  const staging = fs.mkdtempSync(`${cache}.partial-`);
  try {
    const bin = path.join(packageDir, 'bin');
    await pipeline(fs.createReadStream(path.join(bin, 'chromium.br')), zlib.createBrotliDecompress(), fs.createWriteStream(path.join(staging, 'chromium'), { mode: 0o755 }));
    const untar = spawnSync('tar', ['-x', '-C', staging], { input: zlib.brotliDecompressSync(fs.readFileSync(path.join(bin, 'al2023.tar.br'))) });
    if (untar.status !== 0) throw new Error(`unpacking Chromium's libraries failed: ${untar.stderr.toString()}`);
    fs.renameSync(staging, cache);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another test run unpacking at the same moment got there first: its copy is complete.
    if (!fs.existsSync(cache)) throw error;
  }
  return layout;
}
