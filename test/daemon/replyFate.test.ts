import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageLog } from '../../src/daemon/reply-fate.js';
import { Store } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';

const PHONE = '+359888000001';

/** A store with one command from a phone, answered with an SMS reply the test then takes through the outbox. */
function answeredBySms() {
  const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
  const command = store.commands.recordSms('main', { sender: PHONE, sentAt: null, text: '*123456 STAT?', pdu: null })!;
  store.commands.answer(command.id, 'Signal -71dBm', { line: 'main', countryCode: '359', recipient: PHONE, text: 'Signal -71dBm' });
  const reply = store.outbox.ofCommands([command.id])[0]!.id;
  const fate = () => (messageLog(store, 1)[0] as { replyFate: Record<string, unknown> }).replyFate;
  return { store, reply, fate };
}

describe('each reply shows its real fate', () => {
  it('aCommandNotAnsweredYetIsWaiting', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    store.commands.recordSms('main', { sender: PHONE, sentAt: null, text: '*123456 STAT?', pdu: null });
    expect(messageLog(store, 1)[0]).toMatchObject({ state: 'received', replyFate: { status: 'waiting' } });
  });

  it('aDroppedCommandAndASilentConfigCommandAreNotSentByDesign', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const wrong = store.commands.recordSms('main', { sender: PHONE, sentAt: null, text: '*111111 STAT?', pdu: null })!;
    store.commands.drop(wrong.id, 'wrong-password');
    const lang = store.commands.recordSms('main', { sender: PHONE, sentAt: '2026-12-01T10:00:00Z', text: '*123456 LANG BG', pdu: null })!;
    store.commands.answer(lang.id, 'Language: BG', null);
    expect(messageLog(store, 2).map((m) => m.replyFate)).toEqual([
      { status: 'not-sent', reason: 'a control or config command that worked answers only when PH asks', limit: null, attempts: 0, at: null, summary: 'no SMS, by design' },
      { status: 'not-sent', reason: 'a dropped command is never answered', limit: null, attempts: 0, at: null, summary: 'never answered (dropped)' },
    ]);
  });

  it('anHttpCommandWithoutPhIsAnsweredInTheResponseOnly', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const { row } = store.commands.recordRequest('http', 'http:127.0.0.1', '*123456 STAT?');
    store.commands.answer(row.id, 'Signal -71dBm', null);
    expect(messageLog(store, 1)[0]).toMatchObject({ state: 'answered', replyFate: { status: 'http-only', summary: 'answered in the HTTP response' } });
  });

  it('aCommandOnAnotherChannelThatAnswersInItsResponseSaysWhere', () => {
    const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
    const { row } = store.commands.recordRequest('mqtt', 'mqtt:home-assistant', '*123456 STAT?');
    store.commands.answer(row.id, 'Signal -71dBm', null);
    expect(messageLog(store, 1)[0]).toMatchObject({ channel: 'mqtt', replyFate: { status: 'in-response', summary: 'answered in the MQTT reply' } });
  });

  it('aQueuedReplyIsPendingThenRetryingWithItsErrorThenSending', () => {
    const { store, reply, fate } = answeredBySms();
    expect(fate()).toMatchObject({ status: 'pending', attempts: 0, at: expect.any(String) });
    store.outbox.markSending(reply);
    expect(fate()).toMatchObject({ status: 'sending', attempts: 1 });
    store.outbox.retryLater(reply, '+CMS ERROR: 38', '2026-12-01T10:05:00.000Z');
    expect(fate()).toEqual({
      status: 'retrying', reason: '+CMS ERROR: 38', limit: null, attempts: 1, at: '2026-12-01T10:05:00.000Z', summary: 'retrying after 1 failed attempt(s): +CMS ERROR: 38',
    });
  });

  it('aSentReplyIsSentThenDeliveredWhenTheNetworkReportsIt', () => {
    const { store, reply, fate } = answeredBySms();
    store.outbox.markSending(reply);
    store.outbox.markPartSent(reply, 42, 1);
    store.outbox.markSent(reply);
    expect(fate()).toMatchObject({ status: 'sent', attempts: 1, at: expect.any(String), summary: 'sent' });
    store.outbox.recordDelivery({ recipient: PHONE, reference: 42, delivery: 'delivered' }, '359');
    expect(fate()).toMatchObject({ status: 'delivered', summary: 'delivered' });
  });

  it('aReplyTheNetworkCouldNotDeliverHasFailed', () => {
    const { store, reply, fate } = answeredBySms();
    store.outbox.markSending(reply);
    store.outbox.markPartSent(reply, 42, 1);
    store.outbox.markSent(reply);
    store.outbox.recordDelivery({ recipient: PHONE, reference: 42, delivery: 'failed' }, '359');
    expect(fate()).toMatchObject({ status: 'failed', reason: 'the network reported it undeliverable' });
  });

  it('aReplyTheNetworkCouldNotDeliverSaysWhyFromTheReportsStatus', () => {
    const { store, reply, fate } = answeredBySms();
    store.outbox.markSending(reply);
    store.outbox.markPartSent(reply, 42, 2);
    store.outbox.markPartSent(reply, 43, 2);
    store.outbox.markSent(reply);
    store.outbox.recordDelivery({ recipient: PHONE, reference: 42, delivery: 'failed', statusText: 'not obtainable (TP-ST 0x43)' }, '359');
    // A later report on another part keeps the first reason.
    store.outbox.recordDelivery({ recipient: PHONE, reference: 43, delivery: 'failed', statusText: 'validity period expired (TP-ST 0x46)' }, '359');
    expect(fate()).toMatchObject({ status: 'failed', reason: 'not obtainable (TP-ST 0x43)', summary: 'sent, but the network could not deliver it: not obtainable (TP-ST 0x43)' });
  });

  it('aSendTheModemNeverConfirmedIsUncertain', () => {
    const { store, reply, fate } = answeredBySms();
    store.outbox.markSending(reply);
    store.outbox.markUncertain(reply, 'part 1 of 1 may have been sent: AT+CMGS=23: timeout');
    expect(fate()).toMatchObject({ status: 'uncertain', reason: 'part 1 of 1 may have been sent: AT+CMGS=23: timeout', attempts: 1 });
  });

  it('aReplyGivenUpAfterItsAttemptsHasFailedWithTheReason', () => {
    const { store, reply, fate } = answeredBySms();
    store.outbox.markSending(reply);
    store.outbox.giveUp(reply, '+CMS ERROR: 500');
    expect(fate()).toEqual({ status: 'failed', reason: '+CMS ERROR: 500', limit: null, attempts: 1, at: null, summary: 'failed after 1 attempt(s): +CMS ERROR: 500' });
  });

  it.each([
    ['daily-cap', 'the daily SMS cap'],
    ['non-group-hourly', 'the hourly limit for a number in no group'],
  ] as const)('aReplyRefusedBy %s says which limit', (limit, words) => {
    const { store, reply, fate } = answeredBySms();
    store.outbox.refuse(reply, limit);
    expect(fate()).toEqual({ status: 'refused', reason: words, limit, attempts: 0, at: null, summary: `not sent: refused by ${words}` });
  });
});
