import type { AtError } from './errors.js';

export interface ExecuteOptions {
  /**
   * Prefix of the information lines this command answers with (e.g. "+CSQ:"). Such lines belong to
   * the response even where the prefix doubles as a URC, and an OK that comes before any of them is
   * a stale answer to an earlier command and is dropped.
   */
  expect?: string;
  /** For AT+CMGS: the PDU written after the `>` prompt; Ctrl-Z is appended. */
  body?: string;
  /** How the command appears in logs and errors (voucher codes masked). */
  logAs?: string;
  timeoutMs?: number;
  /**
   * Run synchronously at the moment the command is written, after everything queued before it:
   * what it commits is true exactly when the bytes go out (a recharge's "the code was sent"
   * marker). If it throws, the command is failed unwritten.
   */
  beforeWrite?: () => void;
}

export interface AtResponse {
  /** Information lines, in order, without echo, URCs or the final result. */
  lines: string[];
}

export type TxState = 'queued' | 'awaiting-prompt' | 'awaiting-final' | 'done';

/** One command from the moment it is queued until its final result, timeout or failure. */
export interface Transaction {
  command: string;
  label: string;
  options: ExecuteOptions;
  state: TxState;
  lines: string[];
  /** Characters in `lines`, bounded by MAX_RESPONSE_CHARS. */
  size: number;
  sawExpected: boolean;
  timer: NodeJS.Timeout | null;
  resolve(response: AtResponse): void;
  reject(error: AtError): void;
  /** Caller's stack at enqueue time, so an async timeout points at who asked. */
  origin: Error;
}

/** A full SIM listed with AT+CMGL is tens of kilobytes; more than this is a modem gone wrong. */
export const MAX_RESPONSE_CHARS = 1024 * 1024;

export function newTransaction(
  command: string,
  options: ExecuteOptions,
  settle: Pick<Transaction, 'resolve' | 'reject'>,
  origin: Error,
): Transaction {
  return {
    command, label: options.logAs ?? command, options, state: 'queued', lines: [], size: 0,
    sawExpected: false, timer: null, resolve: settle.resolve, reject: settle.reject, origin,
  };
}

/**
 * Adds an information line to the answer; false (nothing added) when the answer would outgrow
 * any real one, which the engine treats as a line gone wrong.
 */
export function addAnswerLine(tx: Transaction, line: string, solicited: boolean): boolean {
  tx.size += line.length;
  if (tx.size > MAX_RESPONSE_CHARS) return false;
  tx.lines.push(line);
  if (solicited) tx.sawExpected = true;
  return true;
}

/** The modem repeating the command (echo on, or tolerated after ATE0). */
export function echoes(tx: Transaction, line: string): boolean {
  return line.toUpperCase() === tx.command.toUpperCase();
}

/** An information line the command asked for (its `expect` prefix), even where it doubles as a URC. */
export function answers(tx: Transaction, line: string): boolean {
  return tx.options.expect !== undefined && line.startsWith(tx.options.expect);
}
