import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtError } from '../../src/at/errors.js';
import { OutboxPump, type SmsSender } from '../../src/line/outbox-pump.js';
import { silentLogger } from '../../src/log/logger.js';
import { ModemError } from '../../src/modem/errors.js';
import { Store } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

/**
 * A modem that takes `parts` parts per reply, failing on the parts listed in `failures` (once each);
 * `afterPart` runs as each part's reference arrives, before the next part is sent.
 */
function scriptedSender(parts: number, failures: Map<number, Error>, afterPart: (part: number, mr: number) => void = () => {}) {
  const sent: Array<{ part: number; mr: number }> = [];
  let mr = 40;
  const sender: SmsSender = {
    async sendSms(_to, _text, _reference, { fromPart, onPartSent }) {
      const refs: number[] = [];
      for (let part = fromPart; part < parts; part++) {
        const failure = failures.get(part);
        if (failure) {
          failures.delete(part);
          throw failure;
        }
        mr += 1;
        sent.push({ part, mr });
        refs.push(mr);
        onPartSent(part, mr, parts);
        afterPart(part, mr);
      }
      return refs;
    },
  };
  return { sender, sent };
}

function pumpWith(sender: SmsSender, atLeastOnce = false) {
  const store = Store.open(path.join(tmpDir(), 'gsmkeeper.db'));
  const pump = new OutboxPump('main', store, sender, { maxAttempts: 5, atLeastOnce, baseDelayMs: 10, maxDelayMs: 50 }, () => null, silentLogger());
  return { store, pump };
}

describe('the outbox pump', () => {
  it('aLongReplyWhosePartTwoFailsIsRetriedFromPartTwoNeverSendingPartOneTwice', async () => {
    const { sender, sent } = scriptedSender(3, new Map([[1, new AtError('cms', 'AT+CMGS=140', '+CMS ERROR: 38')]]));
    const { store, pump } = pumpWith(sender);
    const id = store.outbox.enqueue({ line: 'main', recipient: '+359888000001', text: 'a long reply', countryCode: '359' });
    pump.kick();
    await waitFor(() => store.outbox.get(id)!.state === 'sent', 3000, 'the reply sent');
    pump.stop();
    expect(sent.map((s) => s.part)).toEqual([0, 1, 2]);
    expect(store.outbox.get(id)).toMatchObject({ attempts: 2, parts_sent: 3, message_refs: '41,42,43' });
    expect(store.outbox.attempts(id).map((a) => a.error)).toEqual(['AT+CMGS=140: +CMS ERROR: 38', null]);
  });

  it('aReportOfTheFirstPartLeavesTheReplyPendingWhileTheModemSendsTheRest', async () => {
    const delivered = (mr: number) => ({ recipient: '+359888000001', reference: mr, delivery: 'delivered' as const });
    const early: Array<string | undefined> = [];
    // The modem splits this reply into three parts, whatever the text's length: its count is the reply's.
    const { sender } = scriptedSender(3, new Map(), (part, mr) => {
      if (part === 0) early.push(store.outbox.recordDelivery(delivered(mr), '359')?.delivery);
    });
    const { store, pump } = pumpWith(sender);
    const id = store.outbox.enqueue({ line: 'main', recipient: '+359888000001', text: 'Balance 7.50 EUR', countryCode: '359' });
    pump.kick();
    await waitFor(() => store.outbox.get(id)!.state === 'sent', 3000, 'the reply sent');
    pump.stop();
    expect(early).toEqual(['pending']);
    expect(store.outbox.get(id)).toMatchObject({ parts_total: 3, message_refs: '41,42,43', delivery: 'pending' });
    expect(store.outbox.recordDelivery(delivered(42), '359')?.delivery).toBe('pending');
    expect(store.outbox.recordDelivery(delivered(43), '359')?.delivery).toBe('delivered');
  });

  it('aSendThatMayHaveGoneOutIsMarkedUncertainAndNotResent', async () => {
    const { sender, sent } = scriptedSender(1, new Map([[0, new ModemError('send-uncertain', 'part 1 of 1 may have been sent: AT+CMGS=23: no answer in time')]]));
    const { store, pump } = pumpWith(sender);
    const id = store.outbox.enqueue({ line: 'main', recipient: '+359888000001', text: 'Balance 7.50 EUR', countryCode: '359' });
    pump.kick();
    await waitFor(() => store.outbox.get(id)!.state === 'uncertain', 3000, 'the reply marked uncertain');
    await new Promise((resolve) => setTimeout(resolve, 100));
    pump.stop();
    expect(sent).toEqual([]);
    expect(store.outbox.get(id)).toMatchObject({ state: 'uncertain', attempts: 1 });
  });

  it('withAtLeastOnceAnUncertainSendIsTriedAgain', async () => {
    const { sender, sent } = scriptedSender(1, new Map([[0, new ModemError('send-uncertain', 'part 1 of 1 may have been sent')]]));
    const { store, pump } = pumpWith(sender, true);
    const id = store.outbox.enqueue({ line: 'main', recipient: '+359888000001', text: 'Balance 7.50 EUR', countryCode: '359' });
    pump.kick();
    await waitFor(() => store.outbox.get(id)!.state === 'sent', 3000, 'the reply sent');
    pump.stop();
    expect(sent).toHaveLength(1);
  });
});
