import { describe, expect, it } from 'vitest';
import { redactCommandText } from '../../src/control/redact.js';

describe('command texts shown on a screen', () => {
  it.each([
    ['*123456 Ph 0888123456 Credit 123456789012345', '*•••••• Ph ******3456 Credit ***********2345'],
    ['*123456 STAT?', '*•••••• STAT?'],
    ['STAT? without a star 12', 'STAT? without a star 12'],
    ['hello *99', 'hello *••'],
  ])('%s → %s', (text, shown) => {
    expect(redactCommandText(text)).toBe(shown);
  });
});
