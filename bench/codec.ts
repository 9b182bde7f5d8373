/**
 * codec: decode the shared SMS-DELIVER vectors and encode SUBMITs in a loop, next to node-pdu doing
 * the same work in the same run; and how many vectors each decodes correctly.
 *   npm run bench:codec -- [seconds per measurement=2]
 */
import * as pdu from 'node-pdu';
import { decodeDeliver } from '../src/codec/sms-deliver.js';
import { encodeSubmit } from '../src/codec/sms-submit.js';
import { DELIVER_VECTORS } from '../test/vectors/deliver-vectors.js';
import { machine } from './lib/common.js';

function rate(seconds: number, work: () => void): number {
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    work();
    n += 1;
  }
  return n / seconds;
}

function nodePduText(hex: string): { sender: string; text: string } | null {
  try {
    const parsed = pdu.parse(hex) as unknown as { data: { getText(): string }; address: { phone: string | null } };
    return { sender: parsed.address.phone ?? '', text: parsed.data.getText() };
  } catch {
    return null;
  }
}

export function codecBench(seconds: number): Array<Record<string, string | number>> {
  const texts = ['Balance 7.50 EUR', 'Credit added: 5.00 EUR. Balance: 7.50 EUR (was 2.50 EUR). Valid until 22.11.2027.', 'Наличност: 7.50 EUR', 'x'.repeat(300)];
  const oursCorrect = DELIVER_VECTORS.filter((v) => {
    try {
      const sms = decodeDeliver(v.pdu);
      return sms.text === v.text && sms.sender === v.sender;
    } catch {
      return false;
    }
  }).length;
  const theirsCorrect = DELIVER_VECTORS.filter((v) => {
    const got = nodePduText(v.pdu);
    return got !== null && got.text === v.text && got.sender.replace(/^\+/, '') === v.sender.replace(/^\+/, '');
  }).length;
  const decodeOurs = rate(seconds, () => DELIVER_VECTORS.forEach((v) => decodeDeliver(v.pdu))) * DELIVER_VECTORS.length;
  const decodeTheirs = rate(seconds, () => DELIVER_VECTORS.forEach((v) => nodePduText(v.pdu))) * DELIVER_VECTORS.length;
  const encodeOurs = rate(seconds, () => texts.forEach((t) => encodeSubmit('+359888123456', t))) * texts.length;
  const encodeTheirs = rate(seconds, () =>
    texts.forEach((t) => {
      const submit = new pdu.Submit('+359888123456', t);
      submit.getParts().forEach((p) => p.toString(submit));
    }),
  ) * texts.length;
  return [
    { codec: 'gsmkeeper', 'vectors decoded right': `${oursCorrect}/${DELIVER_VECTORS.length}`, 'decode msgs/s': Math.round(decodeOurs), 'encode texts/s': Math.round(encodeOurs) },
    { codec: 'node-pdu 2', 'vectors decoded right': `${theirsCorrect}/${DELIVER_VECTORS.length}`, 'decode msgs/s': Math.round(decodeTheirs), 'encode texts/s': Math.round(encodeTheirs) },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.argv[2] ?? 2);
  console.log(`codec: ${DELIVER_VECTORS.length} public SMS-DELIVER vectors decoded, 4 texts encoded (GSM 7-bit, UCS2, a 2-part text), ${seconds} s each, one core`);
  console.log(`machine: ${machine()}`);
  console.table(codecBench(seconds));
}
