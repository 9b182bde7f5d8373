import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { api, startDaemon, TOKEN, type RunningDaemon } from '../helpers/daemon.js';
import { messagesOn, waitFor } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const TWO_LINES = [{ name: 'main' }, { name: 'a1', carrier: 'a1' as const }];
const NOTIFY = '+359888800009';

describe('POST /api/v1/sms', () => {
  it('anSmsOfTheCallersOwnGoesOutOnItsLineThroughTheOutboxUnderTheSameCaps', async () => {
    running = await startDaemon({ lines: TWO_LINES, config: { sms: { ...DEFAULT_CONFIG.sms, dailyCap: 1 } } });
    const a1 = running.simulators.get('a1')!;
    const sent = await api(running.baseUrl, 'POST', '/api/v1/sms', { to: '0888800001', text: 'The gate code changed.', line: 'a1' });
    expect(sent).toEqual({ status: 202, json: { id: expect.any(Number), line: 'a1', status: 'queued' } });
    const [message] = await messagesOn(() => a1.phoneMessages('0888800001'));
    expect(message).toMatchObject({ from: '+359882000001', text: 'The gate code changed.' });
    // The line's daily cap holds for these as for replies: the second is refused, never sent.
    const second = await api(running.baseUrl, 'POST', '/api/v1/sms', { to: '0888800002', text: 'Another.', line: '+359882000001' });
    expect(second.status).toBe(202);
    await waitFor(() => running!.daemon.store.outbox.get(second.json.id)?.refused_by === 'daily-cap', 5000, 'the second refused by the cap');
    expect(a1.phoneMessages('0888800002')).toEqual([]);
  });

  it('anSmsNamingNoLineOrAnUnknownOneOrWithoutTheTokenIsRefused', async () => {
    running = await startDaemon({ lines: TWO_LINES });
    expect(await api(running.baseUrl, 'POST', '/api/v1/sms', { to: '0888800003', text: 'x' })).toEqual({
      status: 400, json: { error: { code: 'bad_request', message: 'name a destination: the lines are main, a1', lines: ['main', 'a1'] } },
    });
    expect((await api(running.baseUrl, 'POST', '/api/v1/sms', { to: '0888800003', text: 'x', line: 'kitchen' })).json.error.lines).toEqual(['main', 'a1']);
    expect((await api(running.baseUrl, 'POST', '/api/v1/sms', { to: 'not a number', text: 'x', line: 'main' })).status).toBe(400);
    expect((await api(running.baseUrl, 'POST', '/api/v1/sms', { to: '0888800003', text: 'x', line: 'main' }, null)).status).toBe(401);
    expect(running.daemon.store.outbox.pendingCount()).toBe(0);
  });
});

describe('an SMS that is not a command', () => {
  it('isForwardedToTheNotifyGroupMaskedWhenAskedAndNoMoreThanTheHourlyLimit', async () => {
    running = await startDaemon({
      lines: TWO_LINES,
      config: { sms: { ...DEFAULT_CONFIG.sms, forward: { enabled: true, perHour: 2 } }, groups: { config: [], command: [], notify: [NOTIFY] } },
    });
    const a1 = running.simulators.get('a1')!;
    const heard: unknown[] = [];
    running.daemon.events.on('sms-received', (event) => heard.push(event));
    for (const n of [1, 2, 3]) a1.sendSmsFromPhone('+359888800010', `Parcel ${n}: pickup code 123456789`);
    await waitFor(() => heard.length === 3, 5000, 'three SMS received');
    const forwarded = await messagesOn(() => a1.phoneMessages(NOTIFY), 2);
    expect(forwarded.map((m) => [m.from, m.text])).toEqual([
      ['+359882000001', 'a1: SMS from +359888800010: Parcel 1: pickup code *****6789'],
      ['+359882000001', 'a1: SMS from +359888800010: Parcel 2: pickup code *****6789'],
    ]);
    expect(heard).toEqual([1, 2, 3].map((n) => expect.objectContaining({ line: 'a1', command: false, text: `Parcel ${n}: pickup code *****6789` })));
    // Kept, and never run as a command.
    expect(running.daemon.store.db.prepare("SELECT COUNT(*) AS n FROM commands WHERE drop_reason = 'no-star'").get()).toEqual({ n: 3 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a1.phoneMessages(NOTIFY)).toHaveLength(2);
  });

  it('isOnlyKeptWhenForwardingIsOff', async () => {
    running = await startDaemon({ config: { groups: { config: [], command: [], notify: [NOTIFY] } } });
    running.simulator.sendSmsFromPhone('+359888800011', 'Hello, is this the shop?');
    await waitFor(() => running!.daemon.store.db.prepare("SELECT COUNT(*) AS n FROM commands WHERE drop_reason = 'no-star'").get() as { n: number }, 5000, 'kept');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(running.simulator.phoneMessages(NOTIFY)).toEqual([]);
  });
});

/** Reads server-sent events from a response until `until` is satisfied; every frame as { event, data }. */
async function readEvents(response: Response, until: (frames: Array<{ event: string; data: any }>) => boolean): Promise<Array<{ event: string; data: any }>> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const frames: Array<{ event: string; data: any }> = [];
  let buffer = '';
  try {
    while (!until(frames)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) frames.push({ event, data: JSON.parse(data) });
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return frames;
}

describe('GET /api/v1/events', () => {
  it('streamsTheBoxsEventsAsTheyHappenToTokenHoldersOnly', async () => {
    running = await startDaemon();
    expect((await fetch(`${running.baseUrl}/api/v1/events`)).status).toBe(401);
    const response = await fetch(`${running.baseUrl}/api/v1/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const pin = running.simulator.unusedVouchers()[0]!.pin;
    running.simulator.sendSmsFromPhone('+359888800020', `*123456 CREDIT ${pin}`);
    const frames = await readEvents(response, (seen) => seen.some((f) => f.event === 'reply-sent'));
    expect(frames.map((f) => f.event)).toEqual(expect.arrayContaining(['sms-received', 'recharge-finished', 'command-answered', 'reply-sent']));
    expect(frames.find((f) => f.event === 'command-answered')!.data).toMatchObject({ line: 'main', name: 'CREDIT', outcome: 'answered' });
    expect(JSON.stringify(frames)).not.toContain(pin);
  });

  it('aStopEndsTheStreamsSoTheRelayCloses', async () => {
    running = await startDaemon();
    const response = await fetch(`${running.baseUrl}/api/v1/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const reading = readEvents(response, () => false);
    await running.stop();
    running = null;
    // The last word of the stream is the line stopping; then it ends.
    expect((await reading).map((frame) => [frame.event, frame.data.state])).toEqual([['line-state', 'stopped']]);
  });
});
