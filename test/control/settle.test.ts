import { describe, expect, it } from 'vitest';
import { interpret, type Execution } from '../../src/control/processor.js';
import { formatStatus } from '../../src/control/handlers/stat.js';
import { fakeControl, type FakeControl } from '../helpers/fake-control.js';

const CONFIG_NUMBER = '+359888000999';

async function run(ctx: FakeControl, text: string, sender = CONFIG_NUMBER): Promise<Execution> {
  const interpretation = interpret(text, { sender, channel: 'sms', commandId: 1 }, ctx);
  if (interpretation.kind !== 'run') throw new Error(`dropped: ${interpretation.reason}`);
  return interpretation.execute();
}

describe('SETTLE', () => {
  it.each([
    ['*123456 SETTLE 12,USED', { ref: '12', used: true }],
    ['*123456 settle 2345 unused', { ref: '2345', used: false }],
    ['*123456 SETTLE 2345, UNUSED', { ref: '2345', used: false }],
  ])('%s settles the recharge the operator names', async (text, want) => {
    const ctx = fakeControl();
    const reply = await run(ctx, text);
    expect(ctx.settled).toEqual([{ ...want, by: CONFIG_NUMBER }]);
    expect(reply.text).toMatch(/^Recharge \d+ \(card \*{11}2345\) settled: the card was/);
  });

  it.each(['*123456 SETTLE', '*123456 SETTLE 12', '*123456 SETTLE 12,MAYBE', '*123456 SETTLE abc,USED'])('%s answers with its usage and settles nothing', async (text) => {
    const ctx = fakeControl();
    expect((await run(ctx, text)).text).toBe('Usage: SETTLE <recharge number or last 4 digits>,USED|UNUSED');
    expect(ctx.settled).toEqual([]);
  });

  it('names the recharges to choose from when the last 4 digits fit several', async () => {
    const ctx = fakeControl({ settle: { kind: 'ambiguous', ref: '2345', ids: [7, 3] } });
    expect((await run(ctx, '*123456 SETTLE 2345,USED')).text).toBe('"2345" matches recharges 7, 3: give the number.');
  });

  it('is a Config group command', async () => {
    const ctx = fakeControl();
    const reply = await run(ctx, '*123456 SETTLE 12,USED', '+359888000111');
    expect(ctx.settled).toEqual([]);
    expect(reply.text).not.toMatch(/settled/);
  });
});

describe('STAT? says what is a guess and what waits for an operator', () => {
  it('listsUnconfirmedProfileFactsAndRechargesToSettle', () => {
    const text = formatStatus({
      line: 'main', signal: { dbm: -71, bars: 4, rssi: 21 } as never, registration: 'home', network: '28401', carrierName: 'A1 Bulgaria', balance: null,
      pendingOutbox: 0, walletCards: 0, uptimeSeconds: 60, version: '1.12.3', degraded: [], unconfirmed: ['recharge *100*{code}#', '14-digit codes'], unsettled: 2,
    });
    expect(text).toBe('Signal -71dBm 4/5. A1 Bulgaria 284-01 home. Unconfirmed: recharge *100*{code}#, 14-digit codes. To settle: 2. Balance unknown. Outbox 0. Up 0h01m. v1.12.3.');
  });
});
