import { describe, expect, it } from 'vitest';
import { runChaos } from '../harness/chaos.js';

describe('crash safety (separate processes, SIGKILL)', () => {
  it('twentyKillsLoseNothingAnswerNothingTwiceAndDialNoVoucherTwice', async () => {
    const report = await runChaos({ kills: 20, commandsPerLife: 4, maxLifeMs: 700 });
    expect(report.sent).toBe(80);
    expect(report.leftUnfinished).toBe(0);
    expect(report.leftDialling).toBe(0);
    expect(report.duplicateDials).toBe(0);
    expect(report.answeredTwice).toBe(0);
    expect(report.repliesToWrongPasswords).toBe(0);
    // At most once: a reply a crash caught mid-send is 'uncertain' and never resent; all others arrive.
    expect(report.unanswered).toBe(0);
    expect(report.answeredOnce + report.unansweredUncertain).toBe(report.sent - report.byKind['wrong-password']);
    expect(report.leakedCodes).toBe(0);
    expect(report.dials).toBeGreaterThan(0);
  }, 240_000);
});
