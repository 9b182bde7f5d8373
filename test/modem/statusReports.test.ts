import { afterEach, describe, expect, it } from 'vitest';
import { MockBinding } from '@serialport/binding-mock';
import { decodeStatusReport } from '../../src/codec/sms-status-report.js';
import { decodeSubmit } from '../../src/codec/sms-submit.js';
import type { Modem, StatusReportArrival } from '../../src/modem/modem.js';
import { Simulator, type SimulatorOptions } from '../../src/sim/simulator.js';
import { bridgeSimulator, modemOver, openMockPort, scriptModem } from '../helpers/mock-port.js';
import { waitFor } from '../helpers/wait.js';

/** SIM800 Series AT Command Manual: status reports inline only. */
const SIM800 = '+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)';
/** Huawei (E1752, K3715 in python-gsmmodem's fakemodems): ds up to 2, reports kept in "SR". */
const HUAWEI = '+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)';

const simulators: Simulator[] = [];
afterEach(() => {
  for (const simulator of simulators.splice(0)) simulator.close();
  MockBinding.reset();
});

async function modemOnSimulator(options: SimulatorOptions = {}, deliveryReports = true) {
  const simulator = new Simulator({ timing: { ussdDelayMs: 5 }, network: { reportDelayMs: 5, holdMs: 60_000 }, ...options });
  simulators.push(simulator);
  const port = await openMockPort();
  const wire = bridgeSimulator(port, simulator);
  const modem = await modemOver(port, { deliveryReports });
  return { simulator, modem, writes: wire.writes };
}

function nextReport(modem: Modem): Promise<StatusReportArrival> {
  return new Promise((resolve) => modem.once('status-report', resolve));
}

/** The SMS-SUBMIT PDUs the modem wrote after its `>` prompts. */
function submitsIn(writes: string[]): ReturnType<typeof decodeSubmit>[] {
  return writes.filter((w) => w.endsWith('\x1a')).map((w) => decodeSubmit(w.slice(0, -1)));
}

describe('status reports through the modem, routed from its own AT+CNMI=? list', () => {
  it('aModemThatStoresReportsInSrAnnouncesThemWithCdsiAndTheyAreReadThere', async () => {
    const { simulator, modem, writes } = await modemOnSimulator({ profile: { cnmiSupport: HUAWEI, reportMemory: 'SR' } });
    await modem.init();
    expect(modem.reportRouting).toBe('stored');
    expect(modem.reportStorages).toEqual(['SR']);
    const arrival = nextReport(modem);
    const [reference] = await modem.sendSms('0888123456', 'Balance 7.50 EUR');
    expect(submitsIn(writes).map((s) => s.statusReport)).toEqual([true]);
    const stored = await arrival;
    expect(stored).toEqual({ storage: 'SR', index: 1 });
    const read = await modem.inStorage('SR', async () => {
      const message = await modem.readMessage(1);
      await modem.deleteMessage(1);
      return message;
    });
    expect(decodeStatusReport(read!.pdu)).toMatchObject({ reference, recipient: '+359888123456', delivery: 'delivered' });
    expect(simulator.state.reportStorage).toEqual([]);
    // The read memory is the SIM's again: an SMS is read where +CMTI says.
    expect(writes.filter((w) => w.startsWith('AT+CPMS="'))).toEqual(['AT+CPMS="SM","SM","SM"\r', 'AT+CPMS="SR"\r', 'AT+CPMS="SM"\r']);
    const sms = new Promise<{ index: number }>((resolve) => modem.once('sms-stored', resolve));
    simulator.sendSmsFromPhone('0888123456', '*123456 STAT?');
    expect(await modem.readMessage((await sms).index)).not.toBeNull();
  });

  it('aMemoryACdsiNamesThatCpmsDidNotListIsReadAndRemembered', async () => {
    // Huawei MU509 §6.6: +CDSI names "SR" only, though AT+CPMS=? need not offer it.
    const { modem } = await modemOnSimulator({ profile: { cnmiSupport: HUAWEI, reportMemory: 'SR', cpmsSupport: '+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")' } });
    await modem.init();
    expect(modem.reportStorages).toEqual([]);
    const arrival = nextReport(modem);
    const [reference] = await modem.sendSms('0888123456', 'Balance 7.50 EUR');
    expect(await arrival).toEqual({ storage: 'SR', index: 1 });
    // The next start-up scan looks there too.
    expect(modem.reportStorages).toEqual(['SR']);
    const read = await modem.inStorage('SR', () => modem.readMessage(1));
    expect(decodeStatusReport(read!.pdu)).toMatchObject({ reference });
  });

  it('aModemThatStoresReportsOnTheSimAnnouncesCdsiSm', async () => {
    // Telit GE863: +CDSI: "SM",<index>.
    const { modem } = await modemOnSimulator({ profile: { cnmiSupport: '+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)', reportMemory: 'SM' } });
    await modem.init();
    expect(modem.reportStorages).toEqual([]);
    const arrival = nextReport(modem);
    const [reference] = await modem.sendSms('0888123456', 'Balance 7.50 EUR');
    const stored = (await arrival) as { storage: string; index: number };
    expect(stored.storage).toBe('SM');
    const read = await modem.inStorage('SM', () => modem.readMessage(stored.index));
    expect(decodeStatusReport(read!.pdu)).toMatchObject({ reference, delivery: 'delivered' });
  });

  it('aSim800HandsReportsOnInlineAndNeedsNoAcknowledgementUnderService0', async () => {
    const { modem, writes } = await modemOnSimulator({ profile: { cnmiSupport: SIM800 } });
    await modem.init();
    expect(modem.reportRouting).toBe('inline');
    const arrival = nextReport(modem);
    const [reference] = await modem.sendSms('0888123456', 'Balance 7.50 EUR');
    const inline = (await arrival) as { pdu: string };
    expect(decodeStatusReport(inline.pdu)).toMatchObject({ reference, recipient: '+359888123456', delivery: 'delivered' });
    const before = modem.traffic.commands;
    await modem.acknowledgeReport();
    expect(modem.traffic.commands).toBe(before);
    expect(writes.some((w) => w.startsWith('AT+CNMA'))).toBe(false);
  });

  it('underCsmsService1EachInlineReportIsAcknowledgedWithCnma', async () => {
    const { simulator, modem, writes } = await modemOnSimulator({ profile: { cnmiSupport: SIM800 } });
    // A previous owner left the modem at +CSMS service 1 (TS 27.005 §3.2.1): +CDS then waits for AT+CNMA.
    simulator.modem.input(Buffer.from('AT+CSMS=1\r'));
    // Its answer (echo, +CSMS, OK) is read before init() starts, as the stale output it is.
    await waitFor(() => modem.traffic.bytesRead >= 'AT+CSMS=1\r\r\n+CSMS: 1,1,1\r\n\r\nOK\r\n'.length, 5000, 'the old answer read');
    await modem.init();
    const arrival = nextReport(modem);
    await modem.sendSms('0888123456', 'Balance 7.50 EUR');
    await arrival;
    expect(simulator.modem.unacknowledgedReports).toBe(1);
    await modem.acknowledgeReport();
    expect(simulator.modem.unacknowledgedReports).toBe(0);
    expect(writes.filter((w) => w === 'AT+CNMA\r')).toHaveLength(1);
  });

  it('aModemWhoseCnmiOffersNoDsAsksForNoReportAndKeepsSending', async () => {
    const { simulator, modem, writes } = await modemOnSimulator({ profile: { cnmiSupport: '+CNMI: (0-3),(0-3),(0,2),(0),(0,1)' } });
    await modem.init();
    expect(modem.reportRouting).toBe('none');
    expect(modem.reportRoutingRefused).toBe(false);
    await modem.sendSms('0888123456', 'Balance 7.50 EUR');
    expect(submitsIn(writes).map((s) => s.statusReport)).toEqual([false]);
    expect(simulator.phoneMessages('0888123456').map((m) => m.text)).toEqual(['Balance 7.50 EUR']);
  });

  it('withReportsNotWantedTheModemRoutesNoneAndAsksForNone', async () => {
    const { modem, writes } = await modemOnSimulator({ profile: { cnmiSupport: HUAWEI, reportMemory: 'SR' } }, false);
    await modem.init();
    expect(modem.reportRouting).toBe('none');
    expect(writes).toContain('AT+CNMI=2,1,0,0,0\r');
    await modem.sendSms('0888123456', 'Balance 7.50 EUR');
    expect(submitsIn(writes).map((s) => s.statusReport)).toEqual([false]);
  });
});

describe('a modem that lists a <ds> it then refuses', () => {
  it('isSetAgainWithoutReportsAndKeepsWorking', async () => {
    const port = await openMockPort();
    const answers: Record<string, string> = {
      'AT+CPMS=?\r': '\r\n+CPMS: ("SM"),("SM"),("SM")\r\n\r\nOK\r\n',
      'AT+CPMS="SM","SM","SM"\r': '\r\n+CPMS: 0,30,0,30,0,30\r\n\r\nOK\r\n',
      'AT+CNMI=?\r': `\r\n${HUAWEI}\r\n\r\nOK\r\n`,
      'AT+CNMI=2,1,0,2,0\r': '\r\n+CMS ERROR: 303\r\n',
      'AT+CIMI\r': '\r\n284030000000001\r\n\r\nOK\r\n',
    };
    const written = scriptModem(port, (w) => answers[w] ?? '\r\nOK\r\n');
    const modem = await modemOver(port);
    await modem.init();
    expect(modem.reportRouting).toBe('none');
    expect(modem.reportRoutingRefused).toBe(true);
    expect(written).toContain('AT+CNMI=2,1,0,0,0\r');
    await modem.close();
  });
});

describe('inline reports and stored ones read back after a wait', () => {
  it('aReportHeldByASlowServiceCentreComesWhenItCatchesUp', async () => {
    const { simulator, modem } = await modemOnSimulator({ profile: { cnmiSupport: SIM800 } });
    await modem.init();
    simulator.fault('reports-held', true);
    await modem.sendSms('0888123456', 'x'.repeat(200));
    await waitFor(() => simulator.modem.heldReports.length === 2, 5000, 'two reports held');
    const arrivals: StatusReportArrival[] = [];
    modem.on('status-report', (a) => arrivals.push(a));
    simulator.fault('reports-held', false);
    await waitFor(() => arrivals.length === 2, 5000, 'both reports');
  });
});
