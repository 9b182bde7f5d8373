import { MockBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { parseClip, type IncomingCall } from '../../src/modem/calls.js';
import type { Modem } from '../../src/modem/modem.js';
import { mockBinding, modemOver, openMockPort, scriptModem } from '../helpers/mock-port.js';
import { waitFor } from '../helpers/wait.js';

afterEach(() => MockBinding.reset());

/**
 * +CLIP lines as modem manuals print them (none of them written by us): their number, type,
 * subaddress, alpha and CLI-validity fields, quoted or bare, filled, empty or left out.
 */
const MANUAL_LINES: Array<[source: string, line: string, number: string | null, validity: number | null, alpha: string | null]> = [
  // Quectel EC25&EC21 AT Commands Manual §11.4 (AT+CLIP), its example after AT+CPBW=1,"02151082965",129,"QUECTEL".
  ['Quectel EC25 manual example', '+CLIP: "02151082965",129,,,"QUECTEL",0', '02151082965', 0, 'QUECTEL'],
  // Huawei MU509 AT Command Interface Specification §10.4.4, CLI validity 0, 1 and 2.
  ['Huawei MU509 manual, a valid CLI', '+CLIP: "82882690",129,,,,0', '82882690', 0, null],
  ['Huawei MU509 manual, withheld by the caller', '+CLIP: "",128,,,,1', null, 1, null],
  ['Huawei MU509 manual, not available (interworking)', '+CLIP: "",128,,,,2', null, 2, null],
  // Huawei EM770W AT Command Interface Specification §4.6.4: no space, the number not quoted.
  ['Huawei EM770W manual, a bare number', '+CLIP:82882690,129,,,,0', '82882690', 0, null],
  // Telit GM862-QUAD/PY Software User Guide §3.2.3: only number and type.
  ['Telit GM862 user guide, number and type only', '+CLIP: "1234567890",129', '1234567890', null, null],
  // Telit AT Commands Reference Guide 80000ST10025a (SELINT 2): subaddress "" and satype 128 always there.
  ['Telit reference guide, SELINT 2 shape', '+CLIP: "+391234567890",145,"",128,"",0', '+391234567890', 0, null],
  // SIM800 Series AT Command Manual V1.09 §3.2.18 field order (number,type,subaddr,satype,alphaId,CLI validity).
  ['SIM800 manual field order, international without +', '+CLIP: "359888123456",145,"",0,"",0', '+359888123456', 0, null],
];

describe('caller ID (+CLIP) as modems print it', () => {
  for (const [source, line, number, validity, alpha] of MANUAL_LINES) {
    it(`reads ${source}`, () => {
      expect(parseClip(line)).toMatchObject({ number, validity, alpha });
    });
  }

  it('readsNoNumberFromGarbageAndNothingFromAnotherUrc', () => {
    expect(parseClip('+CLIP: "12ab;AT+CFUN=0",129,,,,0')).toMatchObject({ number: null });
    expect(parseClip('+CLIP: ' + '"'.repeat(5000))).toMatchObject({ number: null });
    expect(parseClip('+CMTI: "SM",3')).toBeNull();
  });
});

/** A modem on a scripted port that answers `AT+CHUP` as `chup` says (and everything else OK); `emit` prints lines as the modem would. */
async function ringingModem(chup: string = 'OK') {
  const port = await openMockPort();
  const writes = scriptModem(port, (written) => (written === 'AT+CHUP\r' ? `\r\n${chup}\r\n` : '\r\nOK\r\n'));
  const modem = await modemOver(port, { callTiming: { endAfterMs: 500, clipWaitMs: 100 } });
  const calls: IncomingCall[] = [];
  modem.on('incoming-call', (call) => calls.push(call));
  const emit = (...lines: string[]) => mockBinding(port).emitData(Buffer.from(lines.map((l) => `\r\n${l}\r\n`).join(''), 'latin1'));
  return { modem, writes, calls, emit };
}

async function quiet(modem: Modem): Promise<void> {
  await modem.close();
}

describe('incoming calls from a modem transcript', () => {
  it('theRingsAndCallerIdsOfOneCallAreOneCall', async () => {
    const { modem, calls, emit } = await ringingModem();
    // SIM800 prints RING and +CLIP again every few seconds while the call rings.
    emit('RING', '+CLIP: "+359888123456",145,"",0,"",0', 'RING', '+CLIP: "+359888123456",145,"",0,"",0');
    await new Promise((r) => setTimeout(r, 30));
    emit('RING', '+CLIP: "+359888123456",145,"",0,"",0');
    await waitFor(() => calls.length > 0, 2000, 'the call');
    await new Promise((r) => setTimeout(r, 150));
    expect(calls).toEqual([{ number: '+359888123456', withheld: false }]);
    await quiet(modem);
  });

  it('aWithheldCallerIsACallWithoutANumber', async () => {
    const { modem, calls, emit } = await ringingModem();
    emit('RING', '+CLIP: "",128,,,,1');
    await waitFor(() => calls.length > 0, 2000, 'the call');
    expect(calls).toEqual([{ number: null, withheld: true }]);
    await quiet(modem);
  });

  it('aRingWithoutCallerIdIsStillACallOnceTheWaitForItIsOver', async () => {
    const { modem, calls, emit } = await ringingModem();
    emit('RING');
    await waitFor(() => calls.length > 0, 2000, 'the call');
    expect(calls).toEqual([{ number: null, withheld: false }]);
    await quiet(modem);
  });

  it('rejectingHangsUpWithChupAndTheNextRingIsANewCall', async () => {
    const { modem, calls, emit, writes } = await ringingModem();
    emit('RING', '+CLIP: "0888123456",129,,,,0');
    await waitFor(() => calls.length === 1, 2000, 'the first call');
    expect(await modem.rejectCall()).toBe('AT+CHUP');
    emit('RING', '+CLIP: "0888123456",129,,,,0');
    await waitFor(() => calls.length === 2, 2000, 'the second call');
    expect(writes.filter((w) => w === 'AT+CHUP\r')).toHaveLength(1);
    await quiet(modem);
  });

  it('aModemThatRefusesChupIsHungUpWithAth', async () => {
    const { modem, writes } = await ringingModem('ERROR');
    expect(await modem.rejectCall()).toBe('ATH');
    expect(writes.slice(-2)).toEqual(['AT+CHUP\r', 'ATH\r']);
    await quiet(modem);
  });

  it('noCarrierOfACallerWhoHungUpDoesNotEndTheCommandInFlightAndEndsTheCall', async () => {
    const port = await openMockPort();
    let csqs = 0;
    const modem = await modemOver(port, { callTiming: { endAfterMs: 60_000, clipWaitMs: 100 } });
    // The caller gives up while AT+CSQ is being answered: NO CARRIER lands before its OK.
    scriptModem(port, (written) => (written === 'AT+CSQ\r' ? (csqs++, '\r\nNO CARRIER\r\n\r\n+CSQ: 20,0\r\n\r\nOK\r\n') : '\r\nOK\r\n'));
    const calls: IncomingCall[] = [];
    modem.on('incoming-call', (call) => calls.push(call));
    const emit = (...lines: string[]) => mockBinding(port).emitData(Buffer.from(lines.map((l) => `\r\n${l}\r\n`).join(''), 'latin1'));
    emit('RING', '+CLIP: "0888123456",129,,,,0');
    await waitFor(() => calls.length === 1, 2000, 'the call');
    expect(await modem.signal()).toMatchObject({ rssi: 20 });
    // The call ended with NO CARRIER: the next RING is a new call, though 60 s have not passed.
    emit('RING', '+CLIP: "0888123456",129,,,,0');
    await waitFor(() => calls.length === 2, 2000, 'the second call');
    expect(csqs).toBe(1);
    await quiet(modem);
  });
});
