import type { Logger } from '../log/logger.js';

const RESYNC_ATTEMPTS = 3;

export interface ResyncProbe {
  command: string;
  expect: string;
}

/**
 * A late final result of the timed-out command must not complete the next one. The probe is a
 * query whose answer has an information line; any final result before that line is stale and
 * dropped (the `expect` rule), so the probe only completes on its own answer. It is never the
 * command that timed out, whose late answer would carry the same line.
 */
function resyncProbe(lastTimedOut: string): ResyncProbe {
  return /CMEE\?/i.test(lastTimedOut) ? { command: 'AT+CSCS?', expect: '+CSCS:' } : { command: 'AT+CMEE?', expect: '+CMEE:' };
}

/** Sends the probe until it is answered, a few times at most; false when the modem never answers. */
export async function resynchronise(send: (probe: ResyncProbe) => Promise<unknown>, lastTimedOut: string, log: Logger, closed: () => boolean): Promise<boolean> {
  const probe = resyncProbe(lastTimedOut);
  for (let attempt = 1; attempt <= RESYNC_ATTEMPTS && !closed(); attempt++) {
    try {
      await send(probe);
      log.info({ attempt }, 'resynchronised with the modem');
      return true;
    } catch {
      log.warn({ attempt }, 'resynchronisation probe failed');
    }
  }
  return false;
}
