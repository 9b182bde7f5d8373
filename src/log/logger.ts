import { Writable } from 'node:stream';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import { maskSecrets } from './secrets.js';

export type { Logger };

/** Every serialised log line passes through here, so no channel can leak a voucher code. */
function maskingDestination(target: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      target.write(maskSecrets(chunk.toString('utf8')));
      callback();
    },
  });
}

export interface LoggerOptions {
  level?: LevelWithSilent;
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    { level: options.level ?? 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    maskingDestination(options.destination ?? process.stdout),
  );
}

/** A logger that writes nothing (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
