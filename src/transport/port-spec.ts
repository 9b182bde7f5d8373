/** Where the modem is: a serial device, or a TCP socket (ser2net, modem pools, `gsmkeeper simulate --listen`). */
export type PortSpec = { kind: 'serial'; path: string } | { kind: 'tcp'; host: string; port: number };

export class PortSpecError extends Error {
  override readonly name = 'PortSpecError';
}

export function parsePortSpec(text: string): PortSpec {
  const trimmed = text.trim();
  if (trimmed.startsWith('tcp://')) {
    const match = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(trimmed);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) throw new PortSpecError(`"${text}" is not tcp://HOST:PORT`);
    return { kind: 'tcp', host: match[1]!.replace(/^\[|\]$/g, ''), port };
  }
  if (!trimmed) throw new PortSpecError('the port path is empty');
  return { kind: 'serial', path: trimmed };
}

export function describePortSpec(spec: PortSpec): string {
  return spec.kind === 'tcp' ? `tcp://${spec.host}:${spec.port}` : spec.path;
}
