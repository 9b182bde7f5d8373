import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Simulator } from '../../src/sim/simulator.js';
import { useBroker } from '../helpers/broker.js';
import { startMqttBox, type MqttBox } from '../helpers/mqtt-box.js';
import { spawnCli } from '../helpers/processes.js';
import { tmpDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const broker = useBroker();

const boxes: MqttBox[] = [];
afterEach(async () => {
  await Promise.all(boxes.splice(0).map((box) => box.stop()));
});

/** Two carriers that know the same cards (one state copied): a card used at one would still pass at the other. */
function twinCarriers(dir: string): { files: [string, string]; simulators: Simulator[]; open(file: string): Simulator } {
  const simulators: Simulator[] = [];
  const open = (file: string) => {
    const simulator = new Simulator({ stateFile: file, timing: { ussdDelayMs: 10 } });
    simulators.push(simulator);
    return simulator;
  };
  const first = path.join(dir, 'carrier-a.json');
  const second = path.join(dir, 'carrier-b.json');
  const seed = new Simulator({ stateFile: first });
  seed.flush();
  seed.close();
  fs.copyFileSync(first, second);
  return { files: [first, second], simulators, open };
}

async function box(boxId: string, simulator: Simulator, dataDir = tmpDir()): Promise<MqttBox> {
  const started = await startMqttBox(broker.url, { boxId, simulator, dataDir });
  boxes.push(started);
  await waitFor(() => started.bridge.connected, 10_000, `${boxId} connected`);
  return started;
}

/** `gsmkeeper fleet --broker <url> …` as the operator runs it, to its end. */
async function fleet(args: string[]): Promise<{ code: number | null; output: string }> {
  const cli = spawnCli(['fleet', '--broker', broker.url, ...args]);
  const code = await cli.exited;
  return { code, output: cli.output() };
}

describe('the fleet from the command line', () => {
  it('statusListsEveryBoxAndLineWithTheStaleOnesFirst', async () => {
    const dir = tmpDir();
    const carriers = twinCarriers(dir);
    await box('north-1', carriers.open(carriers.files[0]));
    const gone = await box('south-2', carriers.open(carriers.files[1]));
    await gone.stop();
    boxes.splice(boxes.indexOf(gone), 1);

    const { code, output } = await fleet(['status']);
    expect(code).toBe(0);
    const lines = output.trim().split('\n');
    expect(lines[0]).toMatch(/^box\s+line\s+status/);
    expect(lines[1]).toMatch(/^south-2\s+main\s+offline\*/);
    expect(lines[2]).toMatch(/^north-1\s+main\s+online\s+/);
    expect(output).toContain('* stale: the box is not online');

    const json = JSON.parse((await fleet(['status', '--json'])).output);
    expect(json.find((b: { box: string }) => b.box === 'north-1')).toMatchObject({ status: 'online', stale: false, lines: [{ line: 'main', state: { carrier: 'Vivacom', modemUp: true } }] });
  });

  it('sendWaitsForTheBoxsAnswer', async () => {
    await box('east-3', new Simulator({ timing: { ussdDelayMs: 10 } }));
    const answered = await fleet(['send', 'east-3', '*123456 STAT?']);
    expect(answered).toMatchObject({ code: 0, output: expect.stringMatching(/^Signal -71dBm/) });
    const refused = await fleet(['send', 'east-3', '*123456 STAT?', '--line', 'sim9']);
    expect(refused).toMatchObject({ code: 1, output: expect.stringContaining('Error (unknown_line)') });
    const nobody = await fleet(['send', 'west-9', '*123456 STAT?', '--timeout', '1']);
    expect(nobody.code).toBe(2);
    expect(nobody.output).toMatch(/west-9 is offline: no answer within 1 s\. The command waits at the broker/);
  });

  it('noCardOfTheCentralListIsEverUsedTwiceAcrossTheFleet', async () => {
    const dir = tmpDir();
    const carriers = twinCarriers(dir);
    const north = await box('north-1', carriers.open(carriers.files[0]));
    const southDir = tmpDir();
    let south = await box('south-2', carriers.open(carriers.files[1]), southDir);

    // The carrier's cards as a billing system exports them (seed 001's columns).
    const cards = path.join(dir, 'fleet-cards.db');
    const csv = path.join(dir, 'cards.csv');
    const issued = north.simulator.unusedVouchers().slice(0, 4);
    fs.writeFileSync(csv, ['Serial Number,PIN Code,Amount,Currency,Expiry Date', ...issued.map((v) => `${v.serial},${v.pin},${(v.amountCents / 100).toFixed(2)},${v.currency},${v.expiresOn}`)].join('\n'));
    expect((await fleet(['cards', 'import', csv, '--cards', cards])).output).toContain('4 card(s) imported');
    expect((await fleet(['cards', 'import', csv, '--cards', cards])).output).toMatch(/Line 2: card \*+\d{4} is in the list already/);

    const first = await fleet(['recharge', 'north-1', '--from-cards', '--cards', cards]);
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/Card \*+\d{4}: used\.\nCredit added: 5\.00 EUR/);

    // south-2 goes away; the next card is handed to it and waits at the broker in its session.
    await south.stop();
    boxes.splice(boxes.indexOf(south), 1);
    const waiting = await fleet(['recharge', 'south-2', '--from-cards', '--cards', cards, '--timeout', '1']);
    expect(waiting.code).toBe(2);
    expect(waiting.output).toContain('south-2 is offline');

    // It comes back and runs it once; the next recharge asks it again with the same request id
    // (answered from its record), then hands north-1 a card nobody has had.
    south = await box('south-2', carriers.open(carriers.files[1]), southDir);
    await waitFor(() => south.daemon.store.db.prepare("SELECT 1 FROM mqtt_commands WHERE state = 'answered'").get(), 15_000, 'south-2 ran the card');
    const second = await fleet(['recharge', 'north-1', '--from-cards', '--cards', cards]);
    expect(second.code).toBe(0);
    expect(second.output).toMatch(/handed to south-2 earlier\): used\./);

    const list = JSON.parse((await fleet(['cards', 'list', '--cards', cards, '--json'])).output) as Array<{ state: string; box: string | null; pin: string }>;
    expect(list.map((c) => `${c.state}:${c.box ?? '-'}`).sort()).toEqual(['new:-', 'used:north-1', 'used:north-1', 'used:south-2']);
    expect(list.every((c) => /^\*+\d{4}$/.test(c.pin))).toBe(true);
    // Every card dialled at most once, whichever carrier it reached.
    const dials = carriers.simulators.flatMap((s) => s.dialLog()).map((d) => issued.findIndex((v) => d.ussd.includes(v.pin))).filter((i) => i >= 0);
    expect(dials.sort()).toEqual([...new Set(dials)].sort());
    expect(dials).toHaveLength(3);
    // The PINs sit in the card file sealed, never readable.
    const bytes = fs.readFileSync(cards);
    for (const card of issued) expect(bytes.includes(Buffer.from(card.pin))).toBe(false);
  });
});
