import readline from 'node:readline/promises';
import { Writable } from 'node:stream';

/**
 * A secret typed at a terminal, not echoed; or, when standard input is a pipe, its first line
 * (for scripts). Never an argument: it would sit in the shell history and in `ps`.
 */
export async function readSecret(label: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = '';
    for await (const chunk of process.stdin) input += String(chunk);
    return input.split(/\r?\n/)[0] ?? '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = rl.question(label);
    // The label is written; what is typed after it is not.
    muted = true;
    const value = await answer;
    process.stderr.write('\n');
    return value;
  } finally {
    rl.close();
  }
}

/** Whether a second prompt can confirm the first (only at a terminal). */
export const canConfirm = (): boolean => process.stdin.isTTY === true;
