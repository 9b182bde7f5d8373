import { describe, expect, it } from 'vitest';
import { runChaos } from '../harness/chaos.js';

describe('crash safety (separate processes, SIGKILL)', () => {
  it('twentyKillsLoseNothingAnswerNothingTwiceAndDialNoVoucherTwice', async () => {
    const report = await runChaos({ kills: 20, commandsPerLife: 4, maxLifeMs: 700 });
    // One object, so a failure shows the whole report.
    expect(report).toMatchObject({
      sent: 80,
      leftUnfinished: 0,
      leftDialling: 0,
      duplicateDials: 0,
      answeredTwice: 0,
      repliesToWrongPasswords: 0,
      // At most once: a reply a crash caught mid-send is 'uncertain' and never resent; all others arrive.
      unanswered: 0,
      leakedCodes: 0,
      codesAtRest: 0,
    });
    expect(report.answeredOnce + report.unansweredUncertain).toBe(report.sent - report.byKind['wrong-password']);
    expect(report.dials).toBeGreaterThan(0);
  }, 300_000);
});
