import type { FinalResult } from './final-result.js';

export type AtErrorCode =
  | 'timeout'
  | 'prompt-timeout'
  | 'error'
  | 'cme'
  | 'cms'
  | 'call-result'
  | 'overflow'
  | 'port-closed'
  | 'closed'
  /** The caller's beforeWrite hook failed, so the command was never written. */
  | 'not-written';

/**
 * The one error type of the AT layer. `command` is the loggable form (voucher codes masked);
 * `cmeCode`/`cmsCode` keep the modem's number so callers decide by code, never by message text.
 * The stack is the caller's, captured when the command was queued.
 */
export class AtError extends Error {
  override readonly name = 'AtError';
  /**
   * For a command with a body (AT+CMGS): whether the body had been written when it failed. Only
   * then may the modem have acted on it; a command failed while queued or at the prompt did not.
   */
  bodyWritten = false;

  constructor(
    readonly code: AtErrorCode,
    readonly command: string,
    message: string,
    readonly final?: FinalResult,
  ) {
    super(`${command}: ${message}`);
  }

  get cmeCode(): number | null {
    return this.final?.kind === 'cme' ? this.final.code : null;
  }

  get cmsCode(): number | null {
    return this.final?.kind === 'cms' ? this.final.code : null;
  }
}

export function isAtError(err: unknown, code?: AtErrorCode): err is AtError {
  return err instanceof AtError && (code === undefined || err.code === code);
}

export function errorFromFinal(command: string, final: FinalResult): AtError {
  switch (final.kind) {
    case 'cme':
      return new AtError('cme', command, `+CME ERROR: ${final.text}`, final);
    case 'cms':
      return new AtError('cms', command, `+CMS ERROR: ${final.text}`, final);
    case 'error':
      return new AtError('error', command, 'ERROR', final);
    default:
      return new AtError('call-result', command, final.kind.toUpperCase().replace('-', ' '), final);
  }
}
