import { describe, expect, it } from 'vitest';
import { recorder } from '../helpers/broker.js';
import { mqttScene, type MqttBox } from '../helpers/mqtt-box.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const scene = mqttScene();
const broker = scene.broker;
const box = (url: string, dataDir: string): Promise<MqttBox> => scene.box(url, { dataDir, boxId: 'hill' });

const eventsWaiting = (box: MqttBox) => (box.daemon.store.db.prepare("SELECT COUNT(*) AS n FROM mqtt_outgoing WHERE kind = 'event'").get() as { n: number }).n;

describe('publications wait in SQLite while the broker is away', () => {
  it('eventsGoOutInOrderAfterABrokerOutageAndABoxRestart', async () => {
    const dataDir = tmpDir();
    const first = await broker();
    let running = await box(first.url, dataDir);
    await waitFor(() => running.bridge.connected, 10_000, 'the box connected');

    await first.stop();
    await waitFor(() => !running.bridge.connected, 10_000, 'the box sees the broker gone');
    // Three texts that are not commands, each an event, while nobody can hear them.
    for (const text of ['first', 'second', 'third']) running.simulator.sendSmsFromPhone('+359888111222', `message ${text}`);
    await waitFor(() => eventsWaiting(running) === 3, 10_000, 'three events queued');

    // The box restarts meanwhile: what it kept is in SQLite, not in the client's memory.
    await running.stop();
    scene.forget(running);
    running = await box(first.url, dataDir);
    expect(eventsWaiting(running)).toBe(3);

    // The broker comes back where it was; the box is kept out until someone is listening.
    const second = await broker({ port: first.port, hold: 'hill' });
    const listener = await scene.tester(second.url);
    const heard = recorder(listener);
    await listener.subscribeAsync('gsmkeeper/hill/#', { qos: 1 });
    await second.release();

    await waitFor(() => heard.on('gsmkeeper/hill/main/event/sms-received').length === 3, 15_000, 'the three events');
    expect(heard.on('gsmkeeper/hill/main/event/sms-received').map((m) => m.json().text)).toEqual(['message first', 'message second', 'message third']);
    await waitFor(() => running.bridge.waiting === 0, 10_000, 'the queue emptied');
    // The retained state is back at the new broker too.
    expect((await heard.next('gsmkeeper/hill/main/state')).json()).toMatchObject({ line: 'main' });
  });
});

describe('lines that go away', () => {
  it('aLineNoLongerThereIsRemovedFromHomeAssistantAndItsStateCleared', async () => {
    const dataDir = tmpDir();
    const up = await broker();
    const running = await box(up.url, dataDir);
    // What an earlier run told Home Assistant about a second line the box no longer has.
    running.daemon.store.db.prepare('INSERT INTO mqtt_discovery (topic, payload) VALUES (?, ?)').run('homeassistant/device/hill/gsmkeeper_hill_sim2/config', '{"dev":{}}');
    await running.stop();
    scene.forget(running);

    const listener = await scene.tester(up.url);
    const heard = recorder(listener);
    // Retained: what the broker holds for that line now.
    await listener.publishAsync('gsmkeeper/hill/sim2/state', '{"line":"sim2"}', { qos: 1, retain: true });
    await listener.publishAsync('homeassistant/device/hill/gsmkeeper_hill_sim2/config', '{"dev":{}}', { qos: 1, retain: true });
    await listener.subscribeAsync(['gsmkeeper/hill/sim2/state', 'homeassistant/device/hill/gsmkeeper_hill_sim2/config'], { qos: 1 });
    await waitFor(() => heard.messages.length === 2, 5000, 'the retained payloads');

    await box(up.url, dataDir);
    await waitFor(() => heard.messages.filter((m) => m.text === '').length === 2, 10_000, 'both cleared');
    expect(heard.messages.filter((m) => m.text === '').map((m) => m.topic).sort()).toEqual(['gsmkeeper/hill/sim2/state', 'homeassistant/device/hill/gsmkeeper_hill_sim2/config']);
    // Nothing is retained for them any more.
    const later = await scene.tester(up.url);
    const laterHeard = recorder(later);
    await later.subscribeAsync(['gsmkeeper/hill/#', 'homeassistant/device/#'], { qos: 1 });
    await laterHeard.next('gsmkeeper/hill/main/state');
    expect(laterHeard.messages.filter((m) => m.topic.includes('sim2'))).toEqual([]);
  });
});
