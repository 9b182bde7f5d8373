import { afterEach, describe, expect, it } from 'vitest';
import { BoxEvents, type BoxEvent } from '../../src/events/box-events.js';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

describe('the box event bus', () => {
  it('aListenerThatThrowsDoesNotKeepTheEventFromTheOthers', () => {
    const failures: string[] = [];
    const events = new BoxEvents((_err, name) => failures.push(name));
    const heard: string[] = [];
    events.on('wallet-changed', () => {
      throw new Error('a broken listener');
    });
    events.on('wallet-changed', (event) => heard.push(`one ${event.change}`));
    events.onAny((event) => heard.push(`any ${event.type}`));
    events.publish('wallet-changed', { change: 'added', cards: 2, at: '2026-01-01T00:00:00.000Z' });
    expect(heard).toEqual(['one added', 'any wallet-changed']);
    expect(failures).toEqual(['wallet-changed']);
  });

  it('anUnsubscribedListenerHearsNoMore', () => {
    const events = new BoxEvents();
    const heard: BoxEvent[] = [];
    const off = events.onAny((event) => heard.push(event));
    off();
    events.publish('wallet-changed', { change: 'removed', cards: 1, at: '2026-01-01T00:00:00.000Z' });
    expect(heard).toEqual([]);
  });
});

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

describe('what the daemon tells its listeners', () => {
  it('aRechargeBySmsIsToldFromTheSmsToTheReplyWithNothingSecretInIt', async () => {
    running = await startDaemon();
    const heard: BoxEvent[] = [];
    running.daemon.events.onAny((event) => heard.push(event));
    const pin = running.simulator.unusedVouchers()[0]!.pin;
    running.simulator.sendSmsFromPhone('+359888700001', `*123456 CREDIT ${pin}`);
    await messagesOn(() => running!.simulator.phoneMessages('0888700001'));
    await waitFor(() => heard.some((e) => e.type === 'reply-sent'), 5000, 'the reply-sent event');
    const types = heard.map((e) => e.type);
    expect(types.indexOf('sms-received')).toBeLessThan(types.indexOf('recharge-finished'));
    expect(types.indexOf('recharge-finished')).toBeLessThan(types.indexOf('command-answered'));
    expect(types.indexOf('command-answered')).toBeLessThan(types.indexOf('reply-sent'));
    expect(heard.find((e) => e.type === 'sms-received')).toMatchObject({ line: 'main', sender: '+359888700001', command: true, text: `*•••••• CREDIT ***********${pin.slice(-4)}` });
    expect(heard.find((e) => e.type === 'recharge-finished')).toMatchObject({ line: 'main', outcome: 'success', card: `***********${pin.slice(-4)}`, added: { cents: 500, currency: 'EUR' } });
    expect(heard.find((e) => e.type === 'command-answered')).toMatchObject({ line: 'main', channel: 'sms', name: 'CREDIT', outcome: 'answered', replyTo: '+359888700001' });
    expect(heard.find((e) => e.type === 'reply-sent')).toMatchObject({ line: 'main', to: '+359888700001', references: [expect.any(Number)] });
    expect(heard.some((e) => e.type === 'balance-recorded' && e.source === 'recharge' && e.balance?.cents === 750)).toBe(true);
    expect(JSON.stringify(heard)).not.toContain(pin);
  });

  it('aCommandOverHttpAndAWalletCardAreTold', async () => {
    running = await startDaemon();
    const heard: BoxEvent[] = [];
    running.daemon.events.onAny((event) => heard.push(event));
    await api(running.baseUrl, 'POST', '/api/v1/commands', { text: '*654321 STAT?' });
    const card = running.simulator.unusedVouchers()[1]!;
    await api(running.baseUrl, 'POST', '/api/v1/vouchers', { pin: card.pin });
    expect(heard.find((e) => e.type === 'command-answered')).toMatchObject({ line: null, channel: 'http', outcome: 'dropped', reason: 'wrong-password', reply: null });
    expect(heard.find((e) => e.type === 'wallet-changed')).toMatchObject({ change: 'added', cards: 1 });
    expect(JSON.stringify(heard)).not.toContain(card.pin);
  });
});
