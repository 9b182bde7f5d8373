import type { AtEngine } from '../at/engine.js';
import { parseCmgl, parseCmgr, type ListedMessage } from './parsers.js';

/** The read storage of messages: its name (SM, ME), how many it holds and how many fit. */
export interface StorageStatus {
  memory: string;
  used: number;
  total: number;
}

/** Every stored message, read or not (PDU mode `AT+CMGL=4`). */
export async function listMessages(engine: AtEngine): Promise<ListedMessage[]> {
  const { lines } = await engine.execute('AT+CMGL=4');
  return parseCmgl(lines);
}

export async function readMessage(engine: AtEngine, index: number): Promise<{ status: number; pdu: string } | null> {
  const { lines } = await engine.execute(`AT+CMGR=${index}`);
  return parseCmgr(lines);
}

export async function deleteMessage(engine: AtEngine, index: number): Promise<void> {
  await engine.execute(`AT+CMGD=${index}`);
}

/** Deletes every read message in one command (TS 27.005 delflag 1). */
export async function deleteAllRead(engine: AtEngine): Promise<void> {
  await engine.execute('AT+CMGD=1,1');
}

/** The read storage and how full it is (`AT+CPMS?` → `+CPMS: "SM",<used>,<total>,…`); null when the answer says nothing. */
export async function storageStatus(engine: AtEngine): Promise<StorageStatus | null> {
  const { lines } = await engine.execute('AT+CPMS?', { expect: '+CPMS:' });
  const match = /^\+CPMS:\s*"([^"]*)"\s*,\s*(\d+)\s*,\s*(\d+)/.exec(lines.find((l) => l.startsWith('+CPMS:')) ?? '');
  return match ? { memory: match[1]!, used: Number(match[2]), total: Number(match[3]) } : null;
}
