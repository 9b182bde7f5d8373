import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { MockBinding } from '@serialport/binding-mock';
import { AtEngine } from '../../src/at/engine.js';
import { shapeOf } from '../../src/at/trace.js';
import { encodeDeliver } from '../../src/codec/sms-deliver.js';
import { encodeSubmit } from '../../src/codec/sms-submit.js';
import { createLogger } from '../../src/log/logger.js';
import { mockBinding, openMockPort, scriptModem } from '../helpers/mock-port.js';
import { waitFor } from '../helpers/wait.js';

afterEach(() => MockBinding.reset());

const PASSWORD = '123456';
const CODE = '123456789012345';
/** A command as an operator texts it: it decodes to the password and a voucher code. */
const PDU = encodeDeliver({ sender: '+359888123456', text: `*${PASSWORD} CREDIT ${CODE}`, date: new Date('2026-03-01T10:00:00Z') });
const TPDU_LENGTH = PDU.length / 2 - 1;

/** A trace-level logger writing into a string, through the daemon's own masking destination. */
function traceLog() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger({ level: 'trace', destination }), text: () => chunks.join('') };
}

/** Fails when the log holds the PDU, any 16-digit stretch of it, or the digits it decodes to. */
function expectNoSecrets(log: string, ...hexes: string[]): void {
  for (const hex of hexes) {
    expect(log).not.toContain(hex);
    for (let i = 0; i + 16 <= hex.length; i += 8) expect(log).not.toContain(hex.slice(i, i + 16));
  }
  expect(log).not.toContain(CODE);
  expect(log).not.toContain(PASSWORD);
}

describe('what the AT engine logs of what the modem prints', () => {
  it('aTraceLogOfACmgrExchangeHoldsNeitherThePduNorItsDigits', async () => {
    const port = await openMockPort();
    scriptModem(port, (w) => (w === 'AT+CMGR=1\r' ? `\r\n+CMGR: 0,,${TPDU_LENGTH}\r\n${PDU}\r\n\r\nOK\r\n` : undefined));
    const { logger, text } = traceLog();
    const engine = new AtEngine(port, { logger });
    const { lines } = await engine.execute('AT+CMGR=1');
    expect(lines).toEqual([`+CMGR: 0,,${TPDU_LENGTH}`, PDU]);
    const log = text();
    expect(log).toContain(`+CMGR: 0,,${TPDU_LENGTH}`);
    expect(log).toContain(`<PDU of ${PDU.length / 2} octets>`);
    expectNoSecrets(log, PDU);
  });

  it('aPduInATwoLineUrcAndALateAnswerAtDebugAreShownByLengthOnly', async () => {
    const port = await openMockPort();
    scriptModem(port, () => undefined);
    const { logger, text } = traceLog();
    const engine = new AtEngine(port, { logger, timeouts: { storage: 100 } });
    await expect(engine.execute('AT+CMGR=1')).rejects.toMatchObject({ code: 'timeout' });
    // The answer comes after its command gave up: nothing is in flight to take it.
    mockBinding(port).emitData(Buffer.from(`\r\n+CMGR: 0,,${TPDU_LENGTH}\r\n${PDU}\r\n\r\nOK\r\n\r\n+CMT: ,${TPDU_LENGTH}\r\n${PDU}\r\n`, 'latin1'));
    await waitFor(() => text().includes('URC without subscriber'), 5000, 'the +CMT to be routed');
    const log = text();
    expect(log).toContain('unsolicited line ignored');
    expectNoSecrets(log, PDU);
  });

  it('theBodyWrittenAfterThePromptAndItsEchoAreLoggedByLength', async () => {
    const [part] = encodeSubmit('+359888123456', `Code ${CODE} accepted, password ${PASSWORD}`);
    const port = await openMockPort();
    scriptModem(port, (w) => {
      if (w === `AT+CMGS=${part!.tpduLength}\r`) return '\r\n> ';
      if (w.endsWith('\x1a')) return `${w}\r\n+CMGS: 7\r\n\r\nOK\r\n`; // a modem that echoes the body
      return undefined;
    });
    const { logger, text } = traceLog();
    const engine = new AtEngine(port, { logger });
    await expect(engine.execute(`AT+CMGS=${part!.tpduLength}`, { body: part!.pdu, expect: '+CMGS:' })).resolves.toEqual({ lines: ['+CMGS: 7'] });
    const log = text();
    expect(log).toContain(`<PDU of ${part!.pdu.length / 2} octets>`);
    expectNoSecrets(log, part!.pdu);
  });
});

describe('shapeOf', () => {
  it.each([
    ['a PDU line', '07911326040000F0040B911346610089F60000208062917314480CC8F71D14969741F977FD07', '<PDU of 38 octets>'],
    ['a quoted PDU line', '"0001000381214300"', '<PDU of 8 octets>'],
    ['a long digit run inside a line', '+CLIP: "+359888123456",145', '+CLIP: "+<12 hex digits>",145'],
    ['a header stays readable', '+CMGL: 3,1,,151', '+CMGL: 3,1,,151'],
    ['short numbers stay', '+CSQ: 20,99', '+CSQ: 20,99'],
    ['a voucher in an echoed USSD request', 'AT+CUSD=1,"*101#123456789012345#",15', 'AT+CUSD=1,"*101#<15 hex digits>#",15'],
  ])('%s', (_name, line, shown) => {
    expect(shapeOf(line)).toBe(shown);
  });
});
