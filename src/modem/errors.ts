export type ModemErrorCode =
  | 'ussd-timeout'
  /** The modem refused the USSD request itself (ERROR, +CME ERROR): it never went to the network. */
  | 'ussd-refused'
  /** The USSD request failed otherwise (no answer to it, the line closed): it may have gone out. */
  | 'ussd-failed'
  | 'ussd-bad-request'
  | 'not-initialised'
  | 'bad-answer'
  | 'send-uncertain';

/**
 * Errors of typed modem operations that callers decide on (a USSD request the modem refused, a
 * send that may have gone out); other operations fail with the AT layer's error as it stands.
 */
export class ModemError extends Error {
  override readonly name = 'ModemError';
  constructor(readonly code: ModemErrorCode, message: string) {
    super(message);
  }
}

export function isModemError(err: unknown, code?: ModemErrorCode): err is ModemError {
  return err instanceof ModemError && (code === undefined || err.code === code);
}
