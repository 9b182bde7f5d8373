import { afterEach, describe, expect, it } from 'vitest';
import { api, startDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { oneLineDataDir } from '../helpers/one-line-db.js';
import { messagesOn } from '../helpers/wait.js';

let running: RunningDaemon | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

describe('a box upgraded from one line', () => {
  it('carriesOnWhereTheOneLineDaemonStoppedOnTheLineMain', async () => {
    running = await startDaemon({ dataDir: oneLineDataDir() });
    const { simulator, baseUrl } = running;
    // The command the old daemon had received but not run, and the reply it had queued, go out on main.
    const [stat] = await messagesOn(() => simulator.phoneMessages('+359888000107'));
    expect(stat!.text).toMatch(/^Signal -71dBm 4\/5\. Vivacom 284-03 home\./);
    const [waiting] = await messagesOn(() => simulator.phoneMessages('+359888000108'));
    expect(waiting!.text).toBe('A reply that was waiting when the box was upgraded.');
    // The old history is the line's: its balances, its message log, its wallet.
    expect((await api(baseUrl, 'GET', '/api/v1/balances?line=main')).json.balances.length).toBeGreaterThanOrEqual(4);
    const log = (await api(baseUrl, 'GET', '/api/v1/messages?limit=10')).json.messages as Array<{ id: number; line: string | null; channel: string }>;
    expect(log.filter((m) => m.id <= 7).map((m) => [m.id, m.channel, m.line])).toEqual([
      [7, 'sms', 'main'], [6, 'http', null], [5, 'sms', 'main'], [4, 'sms', 'main'], [3, 'sms', 'main'], [2, 'sms', 'main'], [1, 'sms', 'main'],
    ]);
    // The groups and the password of the old box still hold: the Config number may PHGR?.
    const lines = (await api(baseUrl, 'GET', '/api/v1/lines')).json.lines;
    expect(lines).toMatchObject([{ name: 'main', state: 'ready', carrierId: 'vivacom', imsi: '284030000000001' }]);
    expect((await api(baseUrl, 'POST', '/api/v1/commands', { text: '*123456 PHGR? Command' })).json.reply).toBe('Command: +359888000105');
  });
});
