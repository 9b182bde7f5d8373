import { afterEach, describe, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const ATTACKERS = ['+359888660001', '+359888660002', '+359888660003', '+359888660004'];
const HOLDERS = ['+359888770001', '+359888770002', '+359888770003', '+359888770004', '+359888770005'];

describe('attack scenario', () => {
  it('tenThousandWrongPasswordsAndTwentyBadVouchersNeverReachTheCarrierLimit', async () => {
    running = await startDaemon();
    const { simulator, daemon } = running;
    for (let i = 0; i < 10_000; i++) simulator.sendSmsFromPhone(ATTACKERS[i % ATTACKERS.length]!, `*${String(100000 + i)} CREDIT 123456789012345`);
    // 20 bad vouchers with the right password (a stolen password, or a careless shop).
    for (let i = 0; i < 20; i++) simulator.sendSmsFromPhone(HOLDERS[i % HOLDERS.length]!, `*123456 CREDIT ${String(900000000000000 + i * 7919)}`);

    const commands = () => (daemon.store.db.prepare("SELECT COUNT(*) n FROM commands WHERE state IN ('answered', 'dropped')").get() as { n: number }).n;
    await waitFor(() => commands() === 10_020, 240_000, 'all 10,020 commands settled');
    await daemon.settle();
    await waitFor(() => (daemon.store.db.prepare("SELECT COUNT(*) n FROM outbox WHERE state IN ('pending', 'sending')").get() as { n: number }).n === 0, 10_000);

    for (const attacker of ATTACKERS) expect(simulator.phoneMessages(attacker)).toEqual([]);
    const drops = daemon.store.db.prepare("SELECT drop_reason r, COUNT(*) n FROM commands WHERE state = 'dropped' GROUP BY r ORDER BY r").all();
    expect(drops).toEqual([
      { r: 'sender-locked-out', n: 10_000 - 5 * ATTACKERS.length },
      { r: 'wrong-password', n: 5 * ATTACKERS.length },
    ]);

    // Our budget (carrier limit unknown → 3 per 24 h, margin 1) stops at 2 rejections: the
    // simulated carrier, which blocks at 5, never gets there.
    const outcomes = simulator.dialLog().map((d) => d.outcome);
    expect(outcomes).toEqual(['rejected', 'rejected']);
    expect(simulator.state.carrier.blockedUntil).toBeNull();
    const replies = HOLDERS.flatMap((h) => simulator.phoneMessages(h).map((m) => m.text));
    expect(replies).toHaveLength(20);
    expect(replies.filter((t) => t.startsWith('Warning: recharging is locked'))).toHaveLength(19);
  }, 300_000);
});
