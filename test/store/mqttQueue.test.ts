import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { Publisher, type PublishingClient } from '../../src/mqtt/publisher.js';
import { MqttStore } from '../../src/store/mqtt.js';
import { Store } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';

const opened: Store[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function onFile(file = path.join(tmpDir(), 'gsmkeeper.db'), limit = 100) {
  const store = Store.open(file);
  opened.push(store);
  return { file, store, mqtt: new MqttStore(store.db, limit) };
}

const event = (n: number) => ({ topic: 'gsmkeeper/box1/main/event/alert', payload: `alert ${n}`, retain: false, kind: 'event' as const });
const state = (n: number) => ({ topic: 'gsmkeeper/box1/main/state', payload: `state ${n}`, retain: true, kind: 'state' as const });

/** A client that records what it is handed and acknowledges when the test says so. */
function fakeClient(protocolVersion = 4) {
  const sent: Array<{ topic: string; payload: string; retain: boolean; correlation: string | null; ack(err?: Error): void }> = [];
  const client: PublishingClient & { connected: boolean } = {
    connected: true,
    protocolVersion,
    publish(topic, payload, options, callback) {
      sent.push({ topic, payload, retain: options.retain, correlation: options.properties?.correlationData.toString('hex') ?? null, ack: (err) => callback(err) });
    },
  };
  return { client, sent };
}

describe('the durable queue of publications', () => {
  it('rowsSurviveARestartAndGoOutInOrder', () => {
    const first = onFile();
    first.mqtt.enqueue(event(1), 0);
    first.mqtt.enqueue(state(1), 0);
    first.mqtt.enqueue(event(2), 0);
    first.store.close();
    opened.splice(0);
    const again = onFile(first.file);
    expect(again.mqtt.next(0, 10).map((row) => row.payload)).toEqual(['alert 1', 'state 1', 'alert 2']);
  });

  it('aNewerRetainedStateReplacesOneNotYetHandedOn', () => {
    const { mqtt } = onFile();
    const handed = mqtt.enqueue(state(1), 0).id;
    mqtt.enqueue(state(2), handed);
    mqtt.enqueue(event(1), handed);
    mqtt.enqueue(state(3), handed);
    // state 1 was handed to the client already and waits for its PUBACK; state 2 never goes out.
    expect(mqtt.next(0, 10).map((row) => row.payload)).toEqual(['state 1', 'alert 1', 'state 3']);
  });

  it('rowIdsAreNeverReusedOnceTheQueueEmpties', () => {
    const { mqtt } = onFile();
    const first = mqtt.enqueue(event(1), 0).id;
    mqtt.delivered(first);
    expect(mqtt.enqueue(event(2), first).id).toBeGreaterThan(first);
  });

  it('pastTheLimitTheOldestEventsGoAndStateAndAnswersStay', () => {
    const { mqtt } = onFile(undefined, 100);
    mqtt.enqueue(state(1), 0);
    mqtt.enqueue({ topic: 'gsmkeeper/box1/res/a1', payload: 'answer', retain: false, kind: 'answer' }, 0);
    let dropped = 0;
    for (let n = 1; n <= 150; n++) dropped += mqtt.enqueue(event(n), 0).dropped;
    expect(mqtt.waiting()).toBe(100);
    expect(dropped).toBe(52);
    const kept = mqtt.next(0, 200).map((row) => row.payload);
    expect(kept.slice(0, 3)).toEqual(['state 1', 'answer', 'alert 53']);
    expect(kept.at(-1)).toBe('alert 150');
  });
});

describe('command ids', () => {
  it('aCommandIsClaimedOnceAndItsAnswerKept', () => {
    const { mqtt } = onFile();
    expect(mqtt.claim('a1', 'recharge', 'gsmkeeper/box1/res/a1', null)).toEqual({ kind: 'new' });
    expect(mqtt.claim('a1', 'recharge', 'gsmkeeper/box1/res/a1', null)).toEqual({ kind: 'working' });
    mqtt.finish('a1', { topic: 'gsmkeeper/box1/res/a1', payload: '{"ok":true}', retain: false, kind: 'answer' }, 0);
    expect(mqtt.claim('a1', 'recharge', 'gsmkeeper/box1/res/other', null)).toEqual({ kind: 'answered', answer: '{"ok":true}', replyTopic: 'gsmkeeper/box1/res/a1', correlation: null });
    expect(mqtt.next(0, 10).map((row) => row.topic)).toEqual(['gsmkeeper/box1/res/a1']);
  });

  it('aSilentDropStaysSilent', () => {
    const { mqtt } = onFile();
    mqtt.claim('w', 'text', 'gsmkeeper/box1/res/w', null);
    mqtt.finish('w', null, 0);
    expect(mqtt.claim('w', 'text', 'gsmkeeper/box1/res/w', null)).toEqual({ kind: 'silent' });
    expect(mqtt.waiting()).toBe(0);
  });

  it('finishedIdsAreForgottenAfterAWhileAndOneStillWorkingIsNot', () => {
    const { mqtt, store } = onFile();
    mqtt.claim('old', 'text', 'gsmkeeper/box1/res/old', null);
    mqtt.finish('old', null, 0);
    mqtt.claim('running', 'recharge', 'gsmkeeper/box1/res/running', null);
    store.db.prepare("UPDATE mqtt_commands SET received_at = '2026-01-01T00:00:00.000Z'").run();
    expect(mqtt.forgetCommandsBefore('2026-02-01T00:00:00.000Z')).toBe(1);
    expect(mqtt.claim('old', 'text', 'gsmkeeper/box1/res/old', null)).toEqual({ kind: 'new' });
    expect(mqtt.claim('running', 'recharge', 'gsmkeeper/box1/res/running', null)).toEqual({ kind: 'working' });
  });

  it('aCommandAStopInterruptedIsFoundAtTheNextStart', () => {
    const { file, store, mqtt } = onFile();
    mqtt.claim('a1', 'recharge', 'gsmkeeper/box1/res/a1', 'AQI=');
    store.close();
    opened.splice(0);
    expect(onFile(file).mqtt.unfinished()).toEqual([{ id: 'a1', what: 'recharge', replyTopic: 'gsmkeeper/box1/res/a1', correlation: 'AQI=' }]);
  });
});

describe('the publisher', () => {
  it('sendsInOrderAndDeletesARowOnlyWhenAcknowledged', () => {
    const { mqtt } = onFile();
    const { client, sent } = fakeClient();
    const publisher = new Publisher(mqtt, client, silentLogger());
    publisher.enqueue(event(1));
    publisher.enqueue(event(2));
    expect(sent.map((s) => s.payload)).toEqual(['alert 1', 'alert 2']);
    sent[0]!.ack();
    expect(mqtt.next(0, 10).map((row) => row.payload)).toEqual(['alert 2']);
  });

  it('rowsWaitWhileDisconnectedAndGoOutOnTheNextKick', () => {
    const { mqtt } = onFile();
    const { client, sent } = fakeClient();
    client.connected = false;
    const publisher = new Publisher(mqtt, client, silentLogger());
    publisher.enqueue(event(1));
    expect(sent).toEqual([]);
    client.connected = true;
    publisher.kick();
    expect(sent.map((s) => s.payload)).toEqual(['alert 1']);
  });

  it('aPublicationTheClientGaveUpOnIsSentAgain', () => {
    const { mqtt } = onFile();
    const { client, sent } = fakeClient();
    const publisher = new Publisher(mqtt, client, silentLogger());
    publisher.enqueue(event(1));
    sent[0]!.ack(new Error('client disconnecting'));
    expect(sent.map((s) => s.payload)).toEqual(['alert 1', 'alert 1']);
    expect(mqtt.waiting()).toBe(1);
  });

  it('aPublicationTheBrokerRefusesIsDroppedNotRetriedForEver', () => {
    const { mqtt } = onFile();
    const { client, sent } = fakeClient(5);
    const publisher = new Publisher(mqtt, client, silentLogger());
    publisher.enqueue(event(1));
    sent[0]!.ack(Object.assign(new Error('Not authorized'), { code: 0x87 }));
    expect(sent).toHaveLength(1);
    expect(mqtt.waiting()).toBe(0);
  });

  it('correlationDataGoesOutOnlyOnAnMqtt5Connection', () => {
    const answer = { topic: 'gsmkeeper/box1/res/op', payload: '{}', retain: false, kind: 'answer' as const, correlation: Buffer.from('c0ffee', 'hex').toString('base64') };
    for (const [version, expected] of [[5, 'c0ffee'], [4, null]] as const) {
      const { mqtt } = onFile();
      const { client, sent } = fakeClient(version);
      new Publisher(mqtt, client, silentLogger()).enqueue(answer);
      expect(sent[0]!.correlation).toBe(expected);
    }
  });

  it('atMostAWindowIsInFlight', () => {
    const { mqtt } = onFile();
    const { client, sent } = fakeClient();
    const publisher = new Publisher(mqtt, client, silentLogger());
    for (let n = 1; n <= 40; n++) publisher.enqueue(event(n));
    expect(sent).toHaveLength(16);
    sent[0]!.ack();
    expect(sent.at(-1)!.payload).toBe('alert 17');
  });
});
