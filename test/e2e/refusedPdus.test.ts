import { afterEach, describe, expect, it } from 'vitest';
import { encodeDeliver } from '../../src/codec/sms-deliver.js';
import { concatUdh } from '../../src/codec/udh.js';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const date = new Date('2026-03-01T10:00:00Z');
const part = (sender: string, text: string, total: number, seq: number): string =>
  encodeDeliver({ sender, text, date, udh: concatUdh({ ref: 9, total, seq }) });

/** The inbox row kept for a PDU that did not decode (kept sealed, so it is found by opening each). */
function droppedRaw(running: RunningDaemon, pdu: string): unknown {
  const { store } = running.daemon;
  const rows = store.db.prepare('SELECT i.sender, i.pdu_sealed AS pdu, c.drop_reason AS reason FROM inbox i JOIN commands c ON c.inbox_id = i.id WHERE i.pdu_sealed IS NOT NULL').all() as Array<{ sender: string; pdu: string; reason: string }>;
  const row = rows.find((r) => store.atRest.open(r.pdu) === pdu);
  return row ? { sender: row.sender, reason: row.reason } : undefined;
}

describe('PDUs the decoder refuses never become commands', () => {
  it('aPartNumberedAboveItsTotalNeverCompletesAMessageEarly', async () => {
    running = await startDaemon();
    const { simulator } = running;
    const phone = '+359888999021';
    const bogus = part(phone, 'CREDIT 1', 2, 3);
    simulator.modem.receive(part(phone, '*123456 ', 2, 1));
    simulator.modem.receive(bogus);
    await waitFor(() => droppedRaw(running!, bogus), 5000, 'the bogus part to be stored raw');
    expect(simulator.phoneMessages(phone)).toEqual([]);
    simulator.modem.receive(part(phone, 'STAT?', 2, 2));
    const [reply] = await messagesOn(() => simulator.phoneMessages(phone));
    expect(reply!.text).toMatch(/^Signal .* Outbox \d+\. Up /);
    expect(simulator.phoneMessages(phone)).toHaveLength(1);
    expect(droppedRaw(running, bogus)).toEqual({ sender: 'undecodable', reason: expect.stringMatching(/concatenation part 3 of 2/) });
  });

  it('aMessageCutShortOfItsLengthIsKeptRawAndNeverRun', async () => {
    running = await startDaemon();
    const { simulator } = running;
    const whole = encodeDeliver({ sender: '+359888999022', text: '*123456 STAT?', date });
    // The user data length octet is the one before the 12 octets of packed text: 13 septets said 18.
    const udlAt = whole.length - 2 * 12 - 2;
    const cut = `${whole.slice(0, udlAt)}12${whole.slice(udlAt + 2)}`;
    simulator.modem.receive(cut);
    await waitFor(() => droppedRaw(running!, cut), 5000, 'the cut message to be stored raw');
    expect(droppedRaw(running, cut)).toEqual({ sender: 'undecodable', reason: expect.stringMatching(/shorter than its length/) });
    simulator.sendSmsFromPhone('+359888999023', '*123456 STAT?');
    await messagesOn(() => simulator.phoneMessages('+359888999023'));
    expect(simulator.phoneMessages('+359888999022')).toEqual([]);
  });
});
