#!/usr/bin/env node
/**
 * Run by `npm install` / `npm ci` (postinstall): node-cron 4 reads every date it matches through an
 * `Intl.DateTimeFormat`, even when no timezone is given. The first such formatter makes V8 load
 * ICU's date-format data, about 7 MiB of resident memory on a box that idles in 70; a schedule in
 * the system's own zone needs none of it. This adds one branch to node-cron's two date readers:
 * with no timezone, the date's local fields and offset come from `Date` itself (the same zone, the
 * same DST rules); with a timezone, node-cron's own code runs unchanged.
 *
 * Idempotent (a patched file is left alone); fails the install when node-cron's text is not the
 * one this was written for, so a new node-cron is looked at rather than silently left unpatched.
 * test/scheduler/localTime.test.ts pins the behaviour against node-cron's own Intl path.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = '/* gsmkeeper: system-zone dates without Intl */';

const HELPERS = `${MARKER}
const LOCAL_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
function localTimezoneGMT(date) {
    const offset = -date.getTimezoneOffset();
    if (offset === 0)
        return 'Z';
    const abs = Math.abs(offset);
    return \`GMT\${offset < 0 ? '-' : '+'}\${String(Math.floor(abs / 60)).padStart(2, '0')}:\${String(abs % 60).padStart(2, '0')}\`;
}
function localDateParts(date) {
    return {
        day: date.getDate(),
        month: date.getMonth() + 1,
        year: date.getFullYear(),
        hour: date.getHours(),
        minute: date.getMinutes(),
        second: date.getSeconds(),
        millisecond: date.getMilliseconds(),
        weekday: LOCAL_WEEKDAYS[date.getDay()],
        gmt: localTimezoneGMT(date),
    };
}
`;

/** [what node-cron 4.6 has, what it becomes] */
const EDITS = [
  [
    'function buildDateParts(date, timezone) {\n',
    `${HELPERS}function buildDateParts(date, timezone) {\n    if (!timezone)\n        return localDateParts(date);\n`,
  ],
  [
    'function getTimezoneGMT(date, timezone) {\n',
    'function getTimezoneGMT(date, timezone) {\n    if (!timezone)\n        return localTimezoneGMT(date);\n',
  ],
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Wherever npm put it (hoisted or not): node-cron's main file is dist/node-cron.cjs.
let dist;
try {
  dist = path.dirname(createRequire(path.join(root, 'package.json')).resolve('node-cron'));
} catch {
  console.error('patch-node-cron: node-cron is not installed where gsmkeeper can load it');
  process.exit(1);
}

for (const name of ['_shared.js', '_shared.cjs']) {
  const file = path.join(dist, name);
  if (!fs.existsSync(file)) {
    console.error(`patch-node-cron: ${file} is missing; this node-cron is not the one scripts/patch-node-cron.mjs was written for`);
    process.exit(1);
  }
  let text = fs.readFileSync(file, 'utf8');
  if (text.includes(MARKER)) continue;
  for (const [from, to] of EDITS) {
    if (text.split(from).length !== 2) {
      console.error(`patch-node-cron: ${file} does not have "${from.trim()}" once; this node-cron is not the one scripts/patch-node-cron.mjs was written for`);
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  fs.writeFileSync(file, text);
}
