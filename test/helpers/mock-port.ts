import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { SerialPortStream } from '@serialport/stream';
import { silentLogger } from '../../src/log/logger.js';
import { openedLine } from '../../src/modem/connection.js';
import { Modem, type ModemOptions } from '../../src/modem/modem.js';
import type { Simulator } from '../../src/sim/simulator.js';

let counter = 0;

/** A SerialPortStream over @serialport/binding-mock, opened. Call MockBinding.reset() after each test. */
export async function openMockPort(options: { echo?: boolean } = {}): Promise<SerialPortStream<typeof MockBinding>> {
  const path = `/dev/gsmkeeper-mock-${++counter}`;
  MockBinding.createPort(path, { echo: options.echo ?? false, record: true });
  const port = new SerialPortStream({ binding: MockBinding, path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return port;
}

export function mockBinding(port: SerialPortStream<typeof MockBinding>): MockPortBinding {
  return port.port as MockPortBinding;
}

/**
 * A scripted modem: every write is offered to `respond`, whose string (if any) is emitted back as
 * if the modem sent it. Returns the list of writes for assertions.
 */
export function scriptModem(port: SerialPortStream<typeof MockBinding>, respond: (written: string) => string | undefined | void): string[] {
  const binding = mockBinding(port);
  const writes: string[] = [];
  const original = binding.write.bind(binding);
  binding.write = async (buffer: Buffer) => {
    await original(buffer);
    const text = buffer.toString('latin1');
    writes.push(text);
    const reply = respond(text);
    if (reply) setImmediate(() => binding.isOpen && binding.emitData(Buffer.from(reply, 'latin1')));
  };
  return writes;
}

/**
 * Connects the simulator's modem to a mock port: writes go to its AT interpreter, its output comes
 * back. Returns what was written, and the simulator's end of the wire (another tool on the port).
 */
export function bridgeSimulator(port: SerialPortStream<typeof MockBinding>, simulator: Simulator): { writes: string[]; line: ReturnType<Simulator['connect']> } {
  const binding = mockBinding(port);
  const line = simulator.connect();
  const writes: string[] = [];
  line.on('data', (bytes: Buffer) => binding.isOpen && binding.emitData(bytes));
  const original = binding.write.bind(binding);
  binding.write = async (buffer: Buffer) => {
    await original(buffer);
    writes.push(buffer.toString('latin1'));
    line.write(Buffer.from(buffer));
  };
  return { writes, line };
}

/** A modem over a port the test opened (it cannot be reopened). */
export function modemOver(port: SerialPortStream<typeof MockBinding>, options: Partial<ModemOptions> = {}): Promise<Modem> {
  return Modem.open(openedLine(port), { ussdEncoding: 'text', logger: silentLogger(), ...options });
}
