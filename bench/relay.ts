/**
 * relay: the HTTP relay under load from a second process (autocannon), auth on: `STAT?` and a
 * CREDIT that fails the local check, next to a bare fastify route on the same machine.
 *   npm run bench:relay -- [seconds=10] [connections=10]
 */
import fs from 'node:fs';
import path from 'node:path';
import { TOKEN } from '../test/helpers/daemon.js';
import { ROOT, spawnCli, spawnProcess } from '../test/helpers/processes.js';
import { tmpDir } from '../test/helpers/tmp.js';
import { machine } from './lib/common.js';

interface Load {
  requestsPerSecond: number;
  p99: number;
  non2xx: number;
}

async function autocannon(url: string, seconds: number, connections: number, body: string | null, token: string | null): Promise<Load> {
  const args = ['-j', '-d', String(seconds), '-c', String(connections)];
  if (body !== null) args.push('-m', 'POST', '-H', 'content-type=application/json', '-b', body);
  if (token) args.push('-H', `authorization=Bearer ${token}`);
  const run = spawnProcess(path.join(ROOT, 'node_modules/.bin/autocannon'), [...args, url]);
  await run.exited;
  const json = JSON.parse(run.output().slice(run.output().indexOf('{')));
  return { requestsPerSecond: json.requests.average, p99: json.latency.p99, non2xx: json.non2xx };
}

const BARE_SERVER = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.post('/bare', async () => ({ reply: 'ok' }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log('BARE ' + address);
`;

export interface RelayResult {
  rows: Array<{ route: string; load: Load }>;
}

export async function relay(seconds: number, connections: number): Promise<RelayResult> {
  const dir = tmpDir('gsmkeeper-relay-');
  const daemon = spawnCli(['run', '--data-dir', path.join(dir, 'data'), '--http', '127.0.0.1:0', '--log-level', 'warn', '--config', writeConfig(dir)], { GSMKEEPER_TOKEN: TOKEN });
  const [, base] = await daemon.waitForOutput(/HTTP relay: (http:\/\/\S+)\/api\/v1\/commands/);
  const bare = spawnProcess(process.execPath, ['--input-type=module', '-e', BARE_SERVER]);
  const [, bareBase] = await bare.waitForOutput(/BARE (http:\/\/\S+)/);
  const rows: RelayResult['rows'] = [];
  rows.push({ route: 'bare fastify POST (reference)', load: await autocannon(`${bareBase}/bare`, seconds, connections, '{"text":"x"}', null) });
  rows.push({ route: 'relay STAT?', load: await autocannon(`${base}/api/v1/commands`, seconds, connections, '{"text":"*123456 STAT?"}', TOKEN) });
  rows.push({ route: 'relay CREDIT with a bad code', load: await autocannon(`${base}/api/v1/commands`, seconds, connections, '{"text":"*123456 CREDIT 12ab"}', TOKEN) });
  rows.push({ route: 'relay without a token (401)', load: await autocannon(`${base}/api/v1/commands`, seconds, connections, '{"text":"*123456 STAT?"}', null) });
  daemon.kill('SIGTERM');
  bare.kill('SIGTERM');
  await Promise.all([daemon.exited, bare.exited]);
  return { rows };
}

function writeConfig(dir: string): string {
  const file = path.join(dir, 'gsmkeeper.yml');
  // One HTTP client with the right password and no PH: no lockout or SMS cap is involved.
  fs.writeFileSync(file, 'log:\n  level: warn\n');
  return file;
}

export function printRelay(result: RelayResult): void {
  const reference = result.rows[0]!.load.requestsPerSecond;
  console.table(
    result.rows.map(({ route, load }) => ({
      route,
      'requests/s': Math.round(load.requestsPerSecond),
      'p99 (ms)': load.p99,
      'non-2xx': load.non2xx,
      'share of bare fastify': (load.requestsPerSecond / reference).toFixed(3),
    })),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.argv[2] ?? 10);
  const connections = Number(process.argv[3] ?? 10);
  console.log(`relay: autocannon (a second process), ${connections} connections for ${seconds} s per route, loopback, bearer auth on`);
  console.log(`machine: ${machine()}`);
  printRelay(await relay(seconds, connections));
}
