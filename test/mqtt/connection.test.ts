import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { connectBroker } from '../../src/mqtt/connection.js';

describe('connecting to a broker', () => {
  it('aPemFileGoneSinceTheConfigCheckIsNamedByItsKey', async () => {
    const options = { url: 'mqtts://127.0.0.1:1', username: null, password: null, ca: null, cert: '/nonexistent/box.crt', key: null, clientId: 'x', persistent: false };
    await expect(connectBroker(options, silentLogger())).rejects.toThrow('mqtt.cert: /nonexistent/box.crt: no such file');
  });
});
