/** How much of the recent input is kept to find a prompt split across reads. */
const SCAN_WINDOW = 256;

/**
 * Finds the SMS prompt, "> " or a bare ">" (SIMCom) at the start of a line. It has no line ending
 * of its own, so the line framer never hands it over: it is looked for on the raw input, which may
 * carry noise after it in the same read.
 */
export class PromptScanner {
  private recent = '';

  reset(): void {
    this.recent = '';
  }

  /** Whether the prompt has arrived, with `text` the latest input; forgets what it saw when it has. */
  sees(text: string): boolean {
    this.recent = (this.recent + text).slice(-SCAN_WINDOW);
    if (!/(?:^|\n)\r?>[ ]?(?:$|\r|\n)/.test(this.recent)) return false;
    this.recent = '';
    return true;
  }
}
