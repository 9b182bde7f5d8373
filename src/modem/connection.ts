import type { Duplex } from 'node:stream';
import type { TimeoutTable } from '../at/timeouts.js';

/** A line that is open: its bytes, and how to let go of it. */
export interface OpenLine {
  stream: Duplex;
  close(): Promise<void>;
}

/**
 * How the modem's line is reached (a serial port, a TCP socket, the simulator's wire). It is opened
 * at start and again after a reopen, when the stable path may name a new device.
 */
export interface ModemLine {
  open(): Promise<OpenLine>;
}

/** AT timeouts by class (see at/timeouts.ts), for modems and tests that need other values. */
export type ModemTimeouts = Partial<TimeoutTable>;

/** A line over a stream that is already open (a test's mock port): it cannot be opened again once closed. */
export function openedLine(stream: Duplex & { close?: (callback: () => void) => void; isOpen?: boolean }): ModemLine {
  let used = false;
  return {
    async open() {
      if (used) throw new Error('this line was opened once and cannot be opened again');
      used = true;
      return {
        stream,
        close: () =>
          new Promise<void>((resolve) => {
            if (stream.close && stream.isOpen !== false) stream.close(() => resolve());
            else {
              stream.destroy();
              resolve();
            }
          }),
      };
    },
  };
}

/** A wait that an abort cuts short. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

/**
 * Opens the line, trying again with backoff (100 ms doubling to 2 s) until `waitMs` has passed: a
 * USB modem that re-enumerates takes a while to reappear at its path.
 */
export async function openWithin(line: ModemLine, waitMs: number, signal?: AbortSignal): Promise<OpenLine> {
  const deadline = Date.now() + waitMs;
  let delay = 100;
  for (;;) {
    try {
      return await line.open();
    } catch (err) {
      if (Date.now() > deadline || signal?.aborted) throw err;
      await pause(delay, signal);
      delay = Math.min(delay * 2, 2000);
    }
  }
}
