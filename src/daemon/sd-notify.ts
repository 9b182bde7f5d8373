import type { Logger } from '../log/logger.js';

/**
 * The service manager's side of sd_notify(3): newline-separated `KEY=VALUE` datagrams (READY=1,
 * STATUS=…, WATCHDOG=1, STOPPING=1) sent to the unix datagram socket named by NOTIFY_SOCKET. Node
 * has no unix datagram sockets, so the unix-dgram module sends them; it is loaded only when
 * systemd asked for notifications, and without NOTIFY_SOCKET every call is a no-op.
 */
export interface SystemdNotifier {
  /** Whether anything is sent: false outside systemd, or when the socket cannot be used. */
  readonly active: boolean;
  send(fields: Record<string, string>): void;
  close(): void;
}

interface DgramSocket {
  send(buffer: Buffer, offset: number, length: number, path: string, callback: (err?: Error) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  close(): void;
}

const INACTIVE: SystemdNotifier = { active: false, send: () => {}, close: () => {} };

/** sockaddr_un holds 108 bytes with the terminating NUL. */
const MAX_SOCKET_PATH = 107;

/** One datagram: each value on one line, since a newline would start a new field. */
export function formatNotification(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${value.replace(/[\r\n]+/g, ' ')}`)
    .join('\n');
}

/**
 * WatchdogSec= as systemd passes it: WATCHDOG_USEC, for this process only (WATCHDOG_PID, when set,
 * names the process it is meant for). Null when there is no watchdog.
 */
export function watchdogTimeoutMs(env: NodeJS.ProcessEnv, pid = process.pid): number | null {
  const usec = Number(env.WATCHDOG_USEC);
  if (!env.WATCHDOG_USEC || !Number.isSafeInteger(usec) || usec <= 0) return null;
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== pid) return null;
  return usec / 1000;
}

export async function openNotifier(env: NodeJS.ProcessEnv, logger: Logger): Promise<SystemdNotifier> {
  const path = env.NOTIFY_SOCKET;
  if (!path) return INACTIVE;
  const log = logger.child({ channel: 'systemd' });
  // An abstract socket ("@…") needs a NUL-led address, which unix-dgram cannot pass.
  if (path.startsWith('@') || Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    log.error({ socket: path }, 'NOTIFY_SOCKET is not a path this daemon can send to: systemd will not hear READY=1');
    return INACTIVE;
  }
  let socket: DgramSocket;
  try {
    const { createSocket } = (await import('unix-dgram')) as { createSocket(type: 'unix_dgram'): DgramSocket };
    socket = createSocket('unix_dgram');
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'unix-dgram is not installed or not built: systemd will not hear READY=1 (npm ci builds it)');
    return INACTIVE;
  }
  socket.on('error', (err) => log.warn({ err: err.message }, 'systemd notification socket error'));
  // A manager that went away (or a full socket) is said once, not at every watchdog tick.
  let failing = false;
  return {
    active: true,
    send(fields) {
      const datagram = Buffer.from(formatNotification(fields));
      socket.send(datagram, 0, datagram.length, path, (err) => {
        if (err && !failing) log.warn({ err: err.message, fields: Object.keys(fields) }, 'systemd did not take a notification');
        failing = Boolean(err);
      });
    },
    close() {
      socket.close();
    },
  };
}
