/**
 * Every benchmark in a few minutes: `npm run bench`. The idle period is shortened to 60 s here;
 * `npm run bench:idle` takes the full 600 s.
 */
import { spawnSync } from 'node:child_process';
import { drain, printDrain } from './drain.js';
import { idle, printIdle } from './idle.js';
import { latency, printLatency } from './latency.js';
import { machine } from './lib/common.js';
import { printRelay, relay } from './relay.js';
import { codecBench } from './codec.js';
import { maskingBench } from './masking.js';
import { printAnswers } from './answers.js';
import { DELIVER_VECTORS } from '../test/vectors/deliver-vectors.js';

const BAUD = 115200;
console.log(`gsmkeeper benchmarks — ${new Date().toISOString()}`);
console.log(`machine: ${machine()}\n`);

console.log(`drain: 200 stored command SMS (2/5 STAT?, 2/5 good CREDIT, 1/5 bad code), line paced at ${BAUD} baud both ways, USSD answered at once;`);
console.log("       time until the simulated network delivered the last reply, from spawning the daemon and from its opening the line; also 50 SMS, the peers' workload");
printDrain([await drain({ count: 50, baud: BAUD }), await drain({ count: 200, baud: BAUD }), await drain({ count: 200, baud: BAUD, pty: true })], BAUD);
console.log('\ndrain: 50 stored CREDIT per line, the carrier answering each USSD after 300 ms (as an independent fake modem does), on one line and on two side by side');
printDrain([await drain({ count: 50, baud: BAUD, ussdDelayMs: 300, recharges: true }), await drain({ count: 50, baud: BAUD, ussdDelayMs: 300, recharges: true, lines: 2 })], BAUD);

console.log('\nlatency: 1000 CREDIT commands one after another, daemon and simulator in one process, USSD answered at once');
printLatency(await latency(1000));

console.log('\nidle: the daemon on its built-in simulator for 60 s, one line and the demo\'s two; RSS and CPU from /proc');
printIdle(await idle(60, 1));
printIdle(await idle(60, 2));

console.log('\nrelay: autocannon (a second process), 10 connections for 10 s per route, loopback, bearer auth on');
printRelay(await relay(10, 10));

console.log(`\ncodec: ${DELIVER_VECTORS.length} public SMS-DELIVER vectors decoded, 4 texts encoded, 2 s each, next to node-pdu in the same run`);
console.table(codecBench(2));

console.log('\nmasking: the code-masking rule over inputs made to be slow for a backtracking matcher; flat ns/char as the size grows is linear');
console.table(maskingBench());
// The parsers are timed under the daemon's own V8 flags, so in a process of their own.
console.log('');
spawnSync(process.execPath, ['--max-semi-space-size=1', '--lite-mode', '--import', 'tsx', 'bench/parsers.ts'], { stdio: 'inherit' });
console.log('');
printAnswers(1);
