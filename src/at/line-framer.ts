const CR = 13;
const LF = 10;

/** The longest line a modem has reason to print: a USSD answer as UCS2 hex, or a PDU, is under 1 KiB. */
export const MAX_LINE = 8192;

/**
 * Cuts the modem's byte stream (read as latin1) into lines. CR LF, a bare CR and a bare LF each end
 * a line: modems set to end lines with CR alone, or with LF alone, still complete their answers.
 * The text after the last line end waits for the next read (the `>` prompt and a body echoed after
 * it arrive that way). A line longer than `maxLine` is dropped whole — up to its line end, however
 * far away — and reported, so a modem spewing bytes without a line end holds at most `maxLine`
 * characters here.
 */
export class LineFramer {
  private partial = '';
  private afterCr = false;
  private overlong = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverlong: (length: number) => void = () => {},
    private readonly maxLine = MAX_LINE,
  ) {}

  /** Characters held while waiting for a line end (never more than maxLine). */
  get pending(): number {
    return this.partial.length;
  }

  push(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== CR && code !== LF) continue;
      if (code === LF && this.afterCr && i === start) {
        // The LF of a CR LF pair: the CR already ended the line.
        this.afterCr = false;
        start = i + 1;
        continue;
      }
      this.take(text.slice(start, i));
      this.end();
      this.afterCr = code === CR;
      start = i + 1;
    }
    if (start < text.length) {
      this.afterCr = false;
      this.take(text.slice(start));
    }
  }

  private take(text: string): void {
    if (text.length === 0) return;
    if (this.overlong > 0) {
      this.overlong += text.length;
      return;
    }
    if (this.partial.length + text.length > this.maxLine) {
      this.overlong = this.partial.length + text.length;
      this.partial = '';
      return;
    }
    this.partial += text;
  }

  private end(): void {
    if (this.overlong > 0) {
      const length = this.overlong;
      this.overlong = 0;
      this.onOverlong(length);
      return;
    }
    const line = this.partial;
    this.partial = '';
    this.onLine(line);
  }
}
