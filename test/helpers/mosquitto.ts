import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnProcess, type Spawned } from './processes.js';
import { tmpDir } from './tmp.js';

const README = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md');

/** Debian's Mosquitto is on this machine (`apt-get install mosquitto`). */
export const mosquittoInstalled = (): boolean => spawnSync('sh', ['-c', 'command -v mosquitto']).status === 0;

export interface Mosquitto {
  url: string;
  port: number;
  version: string;
  process: Spawned;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

/** The Mosquitto ACL the README gives, read from the README itself: what users are told to run is what is tested. */
export function readmeAcl(): string {
  const text = fs.readFileSync(README, 'utf8');
  const block = /Mosquitto \(`password_file`, `acl_file`\):\n\n```\n([\s\S]*?)```/.exec(text);
  if (!block) throw new Error('README.md has no Mosquitto ACL block');
  return block[1]!;
}

/**
 * Mosquitto on 127.0.0.1 in a process of its own, in memory (no persistence, as aedes is): on a
 * free port or `port`; `tls` (a folder with ca.crt, broker.crt, broker.key: a client certificate
 * required), `users` (a password file made by mosquitto_passwd; no one else gets in), `acl` (the
 * README's ACL file). It speaks MQTT 5, so a box talks to it in 5, not 3.1.1 as to aedes.
 */
export async function startMosquitto(options: { port?: number; tls?: string; users?: Record<string, string>; acl?: boolean } = {}): Promise<Mosquitto> {
  const dir = tmpDir('gsmkeeper-mosquitto-');
  const port = options.port ?? (await freePort());
  const conf = [
    `user ${os.userInfo().username}`,
    `listener ${port} 127.0.0.1`,
    'persistence false',
    'max_queued_messages 10000',
    `allow_anonymous ${options.users ? 'false' : 'true'}`,
    'log_dest stderr',
  ];
  if (options.tls) {
    conf.push(`cafile ${path.join(options.tls, 'ca.crt')}`, `certfile ${path.join(options.tls, 'broker.crt')}`, `keyfile ${path.join(options.tls, 'broker.key')}`, 'require_certificate true');
  }
  if (options.users) {
    const passwords = path.join(dir, 'passwords');
    fs.writeFileSync(passwords, '');
    for (const [user, password] of Object.entries(options.users)) {
      const made = spawnSync('mosquitto_passwd', ['-b', passwords, user, password]);
      if (made.status !== 0) throw new Error(`mosquitto_passwd: ${made.stderr.toString()}`);
    }
    conf.push(`password_file ${passwords}`);
  }
  if (options.acl) {
    const acl = path.join(dir, 'acl');
    fs.writeFileSync(acl, readmeAcl());
    conf.push(`acl_file ${acl}`);
  }
  const file = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(file, conf.join('\n') + '\n');
  const child = spawnProcess('mosquitto', ['-c', file]);
  for (let i = 0; i < 100 && !(await canConnect(port)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!(await canConnect(port))) {
    await child.stop();
    throw new Error(`mosquitto did not listen on ${port}`);
  }
  const version = spawnSync('mosquitto', ['-h']).stdout.toString().split('\n')[0]!.trim();
  return { url: `${options.tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`, port, version, process: child, stop: () => child.stop() };
}
