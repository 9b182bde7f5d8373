/** The longest answer a masked prompt takes; a card PIN is at most 20 digits. */
const MAX_LENGTH = 64;

export class PromptCancelled extends Error {
  override readonly name = 'PromptCancelled';
}

/**
 * Asks for a secret on a terminal: each typed character is shown as `*`, never itself (the
 * terminal's own echo is off while raw). Backspace erases, Enter ends, Ctrl-C or Ctrl-D on an
 * empty line cancels; other control keys and escape sequences (arrows) are ignored.
 */
export function maskedPrompt(question: string, input: NodeJS.ReadStream, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    // Inside an escape sequence: ESC, then CSI (ESC [ … final letter or ~) or SS3 (ESC O x).
    let escape: 'none' | 'esc' | 'csi' | 'ss3' = 'none';
    const finish = (error: Error | null): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of String(chunk)) {
        if (escape !== 'none') {
          if (escape === 'esc') escape = char === '[' ? 'csi' : char === 'O' ? 'ss3' : 'none';
          else if (escape === 'ss3' || /[A-Za-z~]/.test(char)) escape = 'none';
          continue;
        }
        if (char === '\r' || char === '\n') return finish(null);
        if (char === '\u0003' || (char === '\u0004' && answer === '')) return finish(new PromptCancelled('cancelled'));
        if (char === '\u001b') escape = 'esc';
        else if (char === '\u007f' || char === '\b') {
          if (answer.length > 0) {
            answer = answer.slice(0, -1);
            output.write('\b \b');
          }
        } else if (char >= ' ' && answer.length < MAX_LENGTH) {
          answer += char;
          output.write('*');
        }
      }
    };
    // Raw (no echo) before the question shows, so nothing typed after it is echoed by the terminal.
    input.setRawMode(true);
    output.write(question);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}
