import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recorder } from '../helpers/broker.js';
import { mqttScene } from '../helpers/mqtt-box.js';
import { waitFor } from '../helpers/wait.js';

/** A CA, a broker certificate for 127.0.0.1 and a client certificate (tls/make.sh made them). */
const TLS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tls');
const pem = (name: string) => path.join(TLS, name);

const scene = mqttScene();
const broker = scene.broker;
const box = scene.box;

describe('the box on a broker that asks who it is', () => {
  it('overTlsWithAClientCertificate', async () => {
    const up = await broker({ tls: TLS });
    const running = await box(up.url, { boxId: 'tls-box', mqtt: { ca: pem('ca.crt'), cert: pem('box.crt'), key: pem('box.key') } });
    await waitFor(() => running.bridge.connected, 10_000, 'the box connected over TLS');
    const tester = await scene.tester(up.url, { ca: fs.readFileSync(pem('ca.crt')), cert: fs.readFileSync(pem('box.crt')), key: fs.readFileSync(pem('box.key')) });
    const heard = recorder(tester);
    await tester.subscribeAsync('gsmkeeper/tls-box/#', { qos: 1 });
    expect((await heard.next('gsmkeeper/tls-box/main/state')).json()).toMatchObject({ line: 'main' });
  });

  it('withoutAClientCertificateTheBrokerWillNotHaveIt', async () => {
    const up = await broker({ tls: TLS });
    const running = await box(up.url, { boxId: 'no-cert', mqtt: { ca: pem('ca.crt') } });
    await waitFor(() => running.logs.some((l) => l.includes('MQTT connection failed')), 10_000, 'the refusal logged');
    expect(running.bridge.connected).toBe(false);
  });

  it('aWrongPasswordIsLoggedOnceWhileTheBoxKeepsTrying', async () => {
    const up = await broker({ users: { 'pw-box': 'right' } });
    const running = await box(up.url, { boxId: 'pw-box', mqtt: { username: 'pw-box', password: 'wrong' } });
    await waitFor(() => running.logs.some((l) => l.includes('MQTT connection failed')), 10_000, 'the refusal logged');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(running.bridge.connected).toBe(false);
    // 3.1.1 brokers answer 4 ("Bad username or password"); Mosquitto answers MQTT 5's 135 ("Not authorized").
    expect(running.logs.filter((l) => l.includes('MQTT connection failed'))).toHaveLength(1);
    expect(running.logs.filter((l) => l.includes('MQTT connection failed') && /bad user ?name or password|not authori[sz]ed/i.test(l))).toHaveLength(1);
  });

  it('underTheReadmesAclABoxDoesAllItsWorkOnItsOwnTopics', async () => {
    const up = await broker({ users: { 'acl-box': 'box-secret', operator: 'operator-secret' }, acl: true });
    const running = await box(up.url, { boxId: 'acl-box', mqtt: { username: 'acl-box', password: 'box-secret' } });
    const operator = await scene.tester(up.url, { username: 'operator', password: 'operator-secret' });
    const heard = recorder(operator);
    await operator.subscribeAsync('gsmkeeper/#', { qos: 1 });
    expect((await heard.next('gsmkeeper/acl-box/main/state')).json()).toMatchObject({ line: 'main' });
    await operator.publishAsync('gsmkeeper/acl-box/cmd', JSON.stringify({ id: 'acl-1', text: '*123456 STAT?' }), { qos: 1 });
    expect((await heard.next('gsmkeeper/acl-box/res/acl-1')).json()).toMatchObject({ ok: true, command: 'STAT?' });
    // The discovery went out too (a publication outside the ACL would have closed the connection).
    expect(running.bridge.connected).toBe(true);
    expect(running.bridge.waiting).toBe(0);
    expect(running.logs.filter((l) => l.includes('connected to the MQTT broker'))).toHaveLength(1);
  });
});
