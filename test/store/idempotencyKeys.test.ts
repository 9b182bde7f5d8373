import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installSecret, Store } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';

let store: Store | null = null;
afterEach(() => store?.close());

describe('idempotency keys', () => {
  it('aKeyIsItsChannelsOwnSoAnMqttIdNeverGetsAnHttpClientsAnswer', () => {
    const dir = tmpDir();
    store = Store.open(path.join(dir, 'gsmkeeper.db'), installSecret(dir));
    const http = store.commands.recordRequest('http', 'http:127.0.0.1', '*123456 STAT?', { idempotencyKey: 'order-42' });
    const mqtt = store.commands.recordRequest('mqtt', 'mqtt', '*123456 BAL?', { idempotencyKey: 'order-42' });
    expect(mqtt.repeat).toBe(false);
    expect(mqtt.row.id).not.toBe(http.row.id);
    // Within a channel the key still names the first request, from whichever address it comes.
    const again = store.commands.recordRequest('http', 'http:10.0.0.7', '*123456 STAT?', { idempotencyKey: 'order-42' });
    expect(again).toMatchObject({ repeat: true, row: { id: http.row.id } });
  });
});
