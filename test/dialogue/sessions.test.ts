import { describe, expect, it } from 'vitest';
import { DialogueSessions } from '../../src/dialogue/sessions.js';
import { maskDigits } from '../../src/log/secrets.js';
import { readCouponReply } from '../../src/wallet/recharge-sources.js';
import { waitFor } from '../helpers/wait.js';

describe('dialogue sessions', () => {
  it('atMostMaxSessionsOpenOnePerCallerAndACallerWhoRingsAgainRestartsTheirs', () => {
    const sessions = new DialogueSessions(60_000, 2);
    expect(sessions.start('+359888000001', 'main')).toBe(true);
    expect(sessions.start('+359888000002', 'a1')).toBe(true);
    expect(sessions.start('+359888000003', 'main')).toBe(false);
    // The first caller rings again, on another line: one session, now for that line.
    expect(sessions.start('+359888000001', 'a1')).toBe(true);
    expect(sessions.size).toBe(2);
    expect(sessions.take('+359888000001')).toMatchObject({ line: 'a1' });
    // A session takes one reply.
    expect(sessions.take('+359888000001')).toBeNull();
    expect(sessions.start('+359888000003', 'main')).toBe(true);
    sessions.clear();
    expect(sessions.size).toBe(0);
  });

  it('aSessionWithoutAReplyEndsAfterItsTime', async () => {
    const ended: string[] = [];
    const sessions = new DialogueSessions(50, 4, (session) => ended.push(session.caller));
    sessions.start('+359888000001', 'main');
    await waitFor(() => ended.length === 1, 2000, 'the session to end');
    expect(ended).toEqual(['+359888000001']);
    expect(sessions.take('+359888000001')).toBeNull();
  });
});

describe('a coupon as a person texts it', () => {
  it.each([
    ['a voucher code', '123456789012345', { kind: 'coupon', code: '123456789012345' }],
    ['a code in groups of digits', ' 1234 5678-9012 345 ', { kind: 'coupon', code: '123456789012345' }],
    ['a serial and its PIN', '101-23423423 4524 2829 3854', { kind: 'account', serial: '101-23423423', pin: '452428293854' }],
    ['a serial with letters', 'AB7-001 12345', { kind: 'account', serial: 'AB7-001', pin: '12345' }],
  ])('reads %s', (_what, text, source) => {
    expect(readCouponReply(text)).toEqual(source);
  });

  it.each([['words', 'hello there'], ['a serial with no PIN', '101-23423423 x'], ['nothing', '   '], ['an overlong text', '1'.repeat(200)]])('reads no coupon from %s', (_what, text) => {
    expect(readCouponReply(text)).toBeNull();
  });

  it.each([
    ['groups on lines of their own', '1234\n5678\n9012\n345'],
    ['groups far apart', '1234     5678     9012     345'],
  ])('readsNoCouponFromGroupsTheMaskingWouldNotJoin: %s', (_what, text) => {
    // Each group alone is under 5 digits, so the text at rest keeps them all: it must not be a code.
    expect(maskDigits(text)).toBe(text);
    expect(readCouponReply(text)).toBeNull();
  });

  it('whatItReadsAsACodeTheMaskingHidesWhole', () => {
    const text = ' 1234 5678-9012 345 ';
    expect(readCouponReply(text)).toEqual({ kind: 'coupon', code: '123456789012345' });
    expect(maskDigits(text)).toBe(' **** ****-***2 345 ');
  });
});
