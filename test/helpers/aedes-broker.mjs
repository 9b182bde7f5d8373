// An MQTT broker for the tests, in a process of its own: aedes (from npm), in memory, on
// 127.0.0.1. Usage: aedes-broker.mjs [port] [--hold <clientId>]. With --hold, that client's
// connections are refused (CONNACK 3, server unavailable) until a message on test/release lets
// it in, so a test can be listening before a box flushes what it kept. Prints
// "BROKER LISTENING <port>" when ready; SIGTERM closes it.
import { createServer } from 'node:net';
import { Aedes } from 'aedes';

const args = process.argv.slice(2);
const holdAt = args.indexOf('--hold');
let held = holdAt >= 0 ? args.splice(holdAt, 2)[1] : null;
const port = Number(args[0] ?? 0);

const broker = await Aedes.createBroker({
  authenticate(client, _username, _password, done) {
    if (held !== null && client.id === held) {
      const refusal = new Error('held');
      refusal.returnCode = 3;
      return done(refusal, false);
    }
    done(null, true);
  },
});
broker.subscribe('test/release', (_packet, done) => {
  held = null;
  done();
}, () => {});
const server = createServer(broker.handle);
server.listen(port, '127.0.0.1', () => console.log(`BROKER LISTENING ${server.address().port}`));
process.on('SIGTERM', () => {
  server.close();
  broker.close(() => process.exit(0));
});
