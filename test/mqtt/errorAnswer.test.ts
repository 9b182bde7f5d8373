import { describe, expect, it } from 'vitest';
import { registerSecret } from '../../src/log/secrets.js';
import { errorBody } from '../../src/mqtt/executor.js';

describe('an MQTT error answer', () => {
  it('masksAVoucherCodeItsMessageQuotes', () => {
    registerSecret('918273645546372');
    const body = errorBody('bad_request', 'the carrier refused 918273645546372');
    expect(body).toEqual({ ok: false, error: 'bad_request', message: 'the carrier refused ***********6372' });
  });
});
