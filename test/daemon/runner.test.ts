import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { CommandRunner } from '../../src/daemon/runner.js';
import { SenderGuard } from '../../src/daemon/sender-guard.js';
import { silentLogger } from '../../src/log/logger.js';
import { Store } from '../../src/store/store.js';
import { fakeControl } from '../helpers/fake-control.js';
import { tmpDir } from '../helpers/tmp.js';

function setup() {
  const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
  const ctx = fakeControl({ recharge: { kind: 'success', masked: '***********2345', added: { cents: 500, currency: 'EUR' }, balance: { cents: 750, currency: 'EUR' }, before: null, validUntil: '2027-11-30' } });
  const routing = { contextFor: () => ctx, replyLine: () => ({ line: 'main', countryCode: '359' }) };
  const runner = new CommandRunner(store, routing, new SenderGuard(store, DEFAULT_CONFIG.security, silentLogger()), silentLogger(), () => {});
  return { store, ctx, runner };
}

describe('each command runs once', () => {
  it('theSameCommandHandedOverTwiceAtStartUpRunsOnceAndIsAnsweredOnce', async () => {
    const { store, ctx, runner } = setup();
    const row = store.commands.recordSms('main', { sender: '+359888000001', sentAt: '2026-11-30T06:58:14+02:00', text: '*123456 CREDIT 123456789012345', pdu: null })!;
    // The intake's run and the start-up loop over unfinished commands, at the same moment.
    const [first, second] = await Promise.all([runner.run(row), runner.run(store.commands.unfinished()[0]!)]);
    expect(second).toEqual(first);
    expect(ctx.requests).toHaveLength(1);
    expect(store.db.prepare('SELECT recipient, text FROM outbox').all()).toEqual([{ recipient: '+359888000001', text: expect.stringMatching(/^Credit added: 5\.00 EUR/) }]);
  });

  it('aCommandAnsweredAlreadyIsNotRunAgain', async () => {
    const { store, ctx, runner } = setup();
    const row = store.commands.recordSms('main', { sender: '+359888000001', sentAt: null, text: '*123456 STAT?', pdu: null })!;
    await runner.run(row);
    await runner.run(row);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(ctx.requests).toHaveLength(0);
  });

  it('aSecondAnswerToOneCommandQueuesNoSecondReply', () => {
    const { store } = setup();
    const row = store.commands.recordSms('main', { sender: '+359888000001', sentAt: null, text: '*123456 STAT?', pdu: null })!;
    expect(store.commands.answer(row.id, 'one', { line: 'main', countryCode: '359', recipient: '+359888000001', text: 'one' })).toBe(true);
    expect(store.commands.answer(row.id, 'two', { line: 'main', countryCode: '359', recipient: '+359888000001', text: 'two' })).toBe(false);
    expect(store.db.prepare('SELECT text FROM outbox').all()).toEqual([{ text: 'one' }]);
    expect(store.commands.get(row.id)!.reply).toBe('one');
  });
});
