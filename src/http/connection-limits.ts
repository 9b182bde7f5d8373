import type { Server, Socket } from 'node:net';
import type { Logger } from '../log/logger.js';

/**
 * How many sockets the relay keeps open and for how long. A socket costs a file descriptor, and
 * the daemon shares its descriptor limit with the database and the modem's port: without bounds,
 * idle connections from one client can leave nothing for anyone else (`/health` included).
 */
export interface ConnectionLimits {
  /** Open connections in all; a new one beyond it is closed at once. */
  maxConnections: number;
  /** Open connections from one address; a new one beyond it is closed at once. */
  maxConnectionsPerClient: number;
  /** From a connection (or the start of a request) to its last header: an idle new socket is closed after it (408). */
  headersTimeoutMs: number;
  /** From the start of a request to the end of its body: a body that trickles in is cut (408). */
  requestTimeoutMs: number;
  /** An idle keep-alive socket between two requests. */
  keepAliveTimeoutMs: number;
  /**
   * No byte either way for this long, whatever the socket is doing: the last resort (a reader that
   * never reads its answer). Longer than any handler waits: a recharge may wait minutes for the
   * carrier's confirming SMS (carrier profiles allow up to 900 s).
   */
  idleTimeoutMs: number;
  /** Requests one socket may carry before it is closed. */
  maxRequestsPerSocket: number;
  /** How often the header and request deadlines are checked. */
  checkIntervalMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 128,
  maxConnectionsPerClient: 32,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 20 * 60_000,
  maxRequestsPerSocket: 1000,
  checkIntervalMs: 1_000,
};

/** The fastify options that carry the limits to Node's HTTP server. */
export function serverOptions(limits: ConnectionLimits): {
  connectionTimeout: number;
  keepAliveTimeout: number;
  requestTimeout: number;
  maxRequestsPerSocket: number;
  http: { headersTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    maxRequestsPerSocket: limits.maxRequestsPerSocket,
    // Node refuses a headers deadline later than the request's.
    http: { headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs), connectionsCheckingInterval: limits.checkIntervalMs },
  };
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
function clientOf(socket: Socket): string {
  const address = socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

const WARN_EVERY_MS = 60_000;

/**
 * Caps the connections open in all and per client address. Refused sockets are closed before any
 * byte is read; the log says so at most once a minute (with how many), so a flood cannot fill it.
 */
export function capConnections(server: Server, limits: ConnectionLimits, logger: Logger): void {
  server.maxConnections = limits.maxConnections;
  const open = new Map<string, number>();
  let refused = 0;
  let lastWarning = 0;
  const noteRefusal = (client: string, why: string): void => {
    refused += 1;
    const now = Date.now();
    if (now - lastWarning < WARN_EVERY_MS) return;
    logger.warn({ client, refused, why }, 'HTTP connections refused');
    lastWarning = now;
    refused = 0;
  };
  server.on('drop', (data?: { remoteAddress?: string }) => noteRefusal(data?.remoteAddress ?? 'unknown', `${limits.maxConnections} connections open in all`));
  server.on('connection', (socket: Socket) => {
    const client = clientOf(socket);
    const count = (open.get(client) ?? 0) + 1;
    if (count > limits.maxConnectionsPerClient) {
      socket.destroy();
      noteRefusal(client, `${limits.maxConnectionsPerClient} connections open from this client`);
      return;
    }
    open.set(client, count);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left > 0) open.set(client, left);
      else open.delete(client);
    });
  });
}
