import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionLimits } from '../../src/http/connection-limits.js';
import { buildHttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/log/logger.js';
import { TOKEN } from '../helpers/daemon.js';
import { waitFor } from '../helpers/wait.js';

// Real sockets against the relay's server. Loopback is a whole /8 on Linux, so 127.0.0.2 is
// "another client" to a server on 127.0.0.1.
let app: FastifyInstance | null = null;
const sockets: net.Socket[] = [];
const timers: NodeJS.Timeout[] = [];

afterEach(async () => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  for (const socket of sockets.splice(0)) socket.destroy();
  await app?.close();
  app = null;
});

async function relay(limits: Partial<ConnectionLimits>): Promise<{ port: number }> {
  app = buildHttpServer({ token: TOKEN, logger: silentLogger(), health: () => ({ status: 'ok' }), limits });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { port: (app.server.address() as net.AddressInfo).port };
}

interface Watched {
  socket: net.Socket;
  closed: () => boolean;
  received: () => string;
}

/** A socket whose fate is recorded: what came back, and whether the server closed it. */
function open(port: number, localAddress = '127.0.0.1'): Promise<Watched> {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress });
  sockets.push(socket);
  let closed = false;
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => {});
  socket.on('close', () => (closed = true));
  return new Promise((resolve) => {
    const watched = { socket, closed: () => closed, received: () => received };
    socket.once('connect', () => resolve(watched));
    socket.once('close', () => resolve(watched));
  });
}

function get(port: number, path: string, localAddress: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress }, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: box\r\nConnection: close\r\n\r\n`));
    sockets.push(socket);
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.split('\r\n\r\n')[1] ?? '' }));
  });
}

describe('HTTP connections are bounded', () => {
  it('idleSocketsFromOneClientAreCappedWhileAnotherClientStillGetsHealth', async () => {
    const { port } = await relay({ maxConnectionsPerClient: 5, maxConnections: 50 });
    const idle = await Promise.all(Array.from({ length: 20 }, () => open(port)));
    await waitFor(() => idle.filter((s) => s.closed()).length === 15, 10_000, 'the connections beyond the cap closed');
    expect(idle.filter((s) => !s.closed())).toHaveLength(5);

    const another = await get(port, '/api/v1/health', '127.0.0.2');
    expect(another).toMatchObject({ status: 200 });
    expect(JSON.parse(another.body)).toEqual({ status: 'ok' });

    // One more from the capped client is closed without an answer; once its idle sockets go, it is served again.
    expect(await get(port, '/api/v1/health', '127.0.0.1')).toEqual({ status: 0, body: '' });
    for (const s of idle) s.socket.destroy();
    await waitFor(async () => (await get(port, '/api/v1/health', '127.0.0.1')).status === 200, 10_000, 'the client served again');
  });

  it('connectionsBeyondTheTotalCapAreClosedWhateverTheirAddress', async () => {
    const { port } = await relay({ maxConnectionsPerClient: 100, maxConnections: 6 });
    const idle = await Promise.all(Array.from({ length: 10 }, (_, i) => open(port, `127.0.0.${2 + (i % 5)}`)));
    await waitFor(() => idle.filter((s) => s.closed()).length === 4, 10_000, 'the connections beyond the total cap closed');
    expect(idle.filter((s) => !s.closed())).toHaveLength(6);
  });

  it('anIdleSocketThatSendsNothingIsClosedAfterTheHeadersTimeout', async () => {
    const { port } = await relay({ headersTimeoutMs: 200, checkIntervalMs: 50 });
    const idle = await open(port);
    await waitFor(() => idle.closed(), 10_000, 'the idle socket closed');
    expect(idle.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('aSlowBodyWithAValidTokenIsCutAfterTheRequestTimeout', async () => {
    const { port } = await relay({ headersTimeoutMs: 200, requestTimeoutMs: 400, checkIntervalMs: 50 });
    const slow = await open(port);
    const body = JSON.stringify({ text: `*123456 STAT?${' '.repeat(200)}` });
    slow.socket.write(`POST /api/v1/commands HTTP/1.1\r\nHost: box\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    let sent = 0;
    // A byte every 20 ms: never idle long enough for an inactivity timeout, far too slow to finish.
    timers.push(setInterval(() => {
      if (!slow.closed() && sent < body.length) slow.socket.write(body[sent++]!);
    }, 20));
    await waitFor(() => slow.closed(), 20_000, 'the slow request cut');
    expect(sent).toBeLessThan(body.length);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('aKeepAliveSocketIsClosedWhenIdleAfterItsAnswer', async () => {
    const { port } = await relay({ keepAliveTimeoutMs: 100 });
    const socket = await open(port);
    socket.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: box\r\n\r\n');
    await waitFor(() => socket.closed(), 10_000, 'the keep-alive socket closed');
    expect(socket.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(socket.received()).toMatch(/keep-alive/i);
  });
});
