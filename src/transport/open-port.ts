import net from 'node:net';
import type { Duplex } from 'node:stream';
import { SerialPortStream } from '@serialport/stream';
import { autoDetect } from '@serialport/bindings-cpp';
import type { BindingInterface } from '@serialport/bindings-interface';
import { DuplexBinding } from './duplex-binding.js';
import { describePortSpec, type PortSpec } from './port-spec.js';

export type ModemLink =
  | { kind: 'port'; spec: PortSpec; baudRate: number }
  /** An in-process peer (the simulator's end of a virtual wire). */
  | { kind: 'duplex'; name: string; connect: () => Promise<Duplex> }
  /** Any serialport binding (tests use @serialport/binding-mock). */
  | { kind: 'binding'; binding: BindingInterface; path: string; baudRate: number };

function connectTcp(host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function bindingFor(link: ModemLink): { binding: BindingInterface; path: string; baudRate: number } {
  switch (link.kind) {
    case 'binding':
      return link;
    case 'duplex':
      return { binding: new DuplexBinding(() => link.connect()), path: link.name, baudRate: 115200 };
    case 'port': {
      const spec = link.spec;
      if (spec.kind === 'tcp') {
        return { binding: new DuplexBinding(() => connectTcp(spec.host, spec.port)), path: describePortSpec(spec), baudRate: link.baudRate };
      }
      return { binding: autoDetect() as BindingInterface, path: spec.path, baudRate: link.baudRate };
    }
  }
}

export function describeLink(link: ModemLink): string {
  if (link.kind === 'port') return describePortSpec(link.spec);
  if (link.kind === 'duplex') return link.name;
  return link.path;
}

/**
 * The link as the modem opens it (again after a reopen): a SerialPortStream, whatever is
 * underneath, and its close. `beforeOpen` runs before every opening (a port lock following the
 * stable path to its device).
 */
export function lineOf(link: ModemLink, beforeOpen: () => void = () => {}): { open(): Promise<{ stream: SerialPortStream; close(): Promise<void> }> } {
  return {
    async open() {
      beforeOpen();
      const port = await openLink(link);
      return { stream: port, close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())) };
    },
  };
}

/** Opens the link as a SerialPortStream, whatever is underneath. */
export async function openLink(link: ModemLink): Promise<SerialPortStream> {
  const { binding, path, baudRate } = bindingFor(link);
  const port = new SerialPortStream({ binding, path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return port;
}
