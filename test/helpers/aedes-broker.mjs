// An MQTT broker for the tests, in a process of its own: aedes (from npm), in memory, on
// 127.0.0.1. Usage: aedes-broker.mjs [port] [--hold <clientId>] [--tls <dir>] [--users <json>] [--acl]
//   --hold   that client's connections are refused (CONNACK 3, server unavailable) until a
//            message on test/release lets it in, so a test can be listening before a box
//            flushes what it kept;
//   --tls    TLS with <dir>/broker.crt and broker.key, and a client certificate signed by
//            <dir>/ca.crt required of every client;
//   --users  {"user": "password", …}: anyone else is refused (CONNACK 4);
//   --acl    the README's Mosquitto ACL: a user reads and writes gsmkeeper/<user>/#, writes
//            homeassistant/device/<user>/#, reads homeassistant/status; `operator` reads and
//            writes gsmkeeper/#. A publication outside it closes the connection.
// Prints "BROKER LISTENING <port>" when ready; SIGTERM closes it.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { Aedes } from 'aedes';

const args = process.argv.slice(2);
const option = (name, takesValue = true) => {
  const at = args.indexOf(name);
  if (at < 0) return null;
  return takesValue ? args.splice(at, 2)[1] : (args.splice(at, 1), true);
};
let held = option('--hold');
const tlsDir = option('--tls');
const users = option('--users');
const acl = option('--acl', false);
const port = Number(args[0] ?? 0);
const passwords = users ? JSON.parse(users) : null;

const mayWrite = (user, topic) =>
  user === 'operator' ? topic.startsWith('gsmkeeper/') : topic.startsWith(`gsmkeeper/${user}/`) || topic.startsWith(`homeassistant/device/${user}/`);
const mayRead = (user, filter) =>
  user === 'operator' ? filter.startsWith('gsmkeeper/') : filter.startsWith(`gsmkeeper/${user}/`) || filter === 'homeassistant/status';

const broker = await Aedes.createBroker({
  authenticate(client, username, password, done) {
    if (held !== null && client.id === held) return done(Object.assign(new Error('held'), { returnCode: 3 }), false);
    if (passwords && passwords[username ?? ''] !== password?.toString()) return done(Object.assign(new Error('bad user name or password'), { returnCode: 4 }), false);
    client.user = username ?? null;
    done(null, true);
  },
  authorizePublish(client, packet, done) {
    if (!acl || !client || packet.topic === 'test/release' || mayWrite(client.user, packet.topic)) return done(null);
    done(new Error(`${client.user} may not write ${packet.topic}`));
  },
  authorizeSubscribe(client, subscription, done) {
    if (!acl || mayRead(client.user, subscription.topic)) return done(null, subscription);
    done(null, null);
  },
});
broker.subscribe('test/release', (_packet, done) => {
  held = null;
  done();
}, () => {});
const server = tlsDir
  ? tls.createServer({
      key: fs.readFileSync(path.join(tlsDir, 'broker.key')),
      cert: fs.readFileSync(path.join(tlsDir, 'broker.crt')),
      ca: fs.readFileSync(path.join(tlsDir, 'ca.crt')),
      requestCert: true,
      rejectUnauthorized: true,
    }, broker.handle)
  : net.createServer(broker.handle);
server.listen(port, '127.0.0.1', () => console.log(`BROKER LISTENING ${server.address().port}`));
process.on('SIGTERM', () => {
  server.close();
  broker.close(() => process.exit(0));
});
