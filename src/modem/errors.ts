export type ModemErrorCode = 'ussd-timeout' | 'ussd-rejected' | 'ussd-bad-request' | 'not-initialised' | 'bad-answer' | 'send-uncertain';

/** Errors of typed modem operations that are not plain AT failures (those stay AtError). */
export class ModemError extends Error {
  override readonly name = 'ModemError';
  constructor(readonly code: ModemErrorCode, message: string) {
    super(message);
  }
}

export function isModemError(err: unknown, code?: ModemErrorCode): err is ModemError {
  return err instanceof ModemError && (code === undefined || err.code === code);
}
