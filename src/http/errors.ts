/** Stable error codes of the HTTP API; clients branch on `error.code`, never on the message. */
export type ApiErrorCode =
  | 'unauthorized'
  | 'bad_request'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'conflict'
  | 'not_a_command'
  | 'wrong_password'
  | 'locked_out'
  | 'forbidden'
  | 'unavailable'
  | 'internal';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ApiErrorCode, message: string) {
    super(message);
  }
}

export function errorBody(code: ApiErrorCode, message: string): { error: { code: ApiErrorCode; message: string } } {
  return { error: { code, message } };
}
