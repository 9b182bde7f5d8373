import fs from 'node:fs';
import type { Command } from 'commander';
import type { FleetBox, FleetClient } from '../mqtt/fleet.js';
import type { FleetCards } from '../mqtt/fleet-cards.js';
import { unreadableFiles } from '../util/readable-file.js';
import { UsageError } from './usage-error.js';

interface BrokerFlags {
  broker?: string;
  username?: string;
  password?: boolean;
  ca?: string;
  cert?: string;
  key?: string;
  baseTopic: string;
}

interface RequestFlags {
  line?: string;
  timeout: string;
}

/**
 * `gsmkeeper fleet --broker <url> …`: the operator's side of a fleet of boxes on one broker —
 * every box and line from their retained state, a command to one box with its answer, a recharge
 * with a code or from the central card list. Its modules load only when a fleet command runs.
 */
export function registerFleetCommands(program: Command): void {
  const fleet = program
    .command('fleet')
    .description('boxes on an MQTT broker: their state, a command to one, a recharge from the central card list')
    .option('--broker <url>', 'mqtt://HOST:1883 or mqtts://HOST:8883 (default: GSMKEEPER_BROKER)')
    .option('--username <name>', "the operator's user on the broker")
    .option('--password', 'ask for the broker password (or set GSMKEEPER_BROKER_PASSWORD); never an argument')
    .option('--ca <file>', 'a CA to trust (PEM)')
    .option('--cert <file>', 'a client certificate (PEM)')
    .option('--key <file>', "the client certificate's key (PEM)")
    .option('--base-topic <topic>', 'the boxes’ base topic', 'gsmkeeper');
  fleet.enablePositionalOptions();
  const brokerFlags = (command: Command): BrokerFlags => command.parent!.opts() as BrokerFlags;

  fleet
    .command('status')
    .description('every box and line from the retained state, those that need looking at first; boxes not online marked stale')
    .option('--json', 'as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      await withFleet(brokerFlags(command), async (client) => {
        await client.settled();
        const boxes = client.boxes();
        if (flags.json) return void console.log(JSON.stringify(boxes, null, 2));
        printStatus(boxes);
      });
    });

  fleet
    .command('send <box> <command>')
    .description("a command in the SMS grammar to one box ('*123456 STAT?'), waiting for its answer")
    .option('--line <line>', "the box's line (default: its first)")
    .option('--timeout <seconds>', 'how long to wait for the answer', '60')
    .action(async (box: string, text: string, flags: RequestFlags, command: Command) => {
      await withFleet(brokerFlags(command), async (client) => {
        const answer = await client.request(box, { text, ...(flags.line ? { line: flags.line } : {}) }, { timeoutMs: seconds(flags.timeout) });
        printAnswer(answer);
      });
    });

  fleet
    .command('recharge <box>')
    .description('recharge a line of a box: with a code (--code, asked for) or the next card of the central list (--from-cards)')
    .option('--line <line>', "the box's line (default: its first)")
    .option('--code', 'ask for the code (a star per digit) or read it from standard input; never an argument')
    .option('--from-cards', 'the next card of the central card list (--cards)')
    .option('--cards <file>', "the operator's card list", 'fleet-cards.db')
    .option('--timeout <seconds>', 'how long to wait for the answer', '120')
    .action(async (box: string, flags: RequestFlags & { code?: boolean; fromCards?: boolean; cards: string }, command: Command) => {
      if (Boolean(flags.code) === Boolean(flags.fromCards)) throw new UsageError('give --code or --from-cards');
      const timeoutMs = seconds(flags.timeout);
      const line = flags.line ? { line: flags.line } : {};
      if (flags.code) {
        const { readPins } = await import('./vouchers.js');
        const [code] = await readPins();
        if (!code) throw new UsageError('no code given');
        return withFleet(brokerFlags(command), async (client) => printAnswer(await client.request(box, { action: 'recharge', args: { code }, ...line }, { timeoutMs })));
      }
      await withCards(flags.cards, (cards) =>
        withFleet(brokerFlags(command), async (client) => {
          await resumeHanded(client, cards, timeoutMs);
          const card = cards.take(box, flags.line ?? null);
          if (!card) throw new UsageError(`no card left in ${flags.cards}`);
          console.log(`Card ${card.masked} handed to ${box} (request ${card.requestId}).`);
          const answer = await client.request(box, { action: 'recharge', args: { code: card.pin }, ...line }, { id: card.requestId, timeoutMs });
          console.log(`Card ${card.masked}: ${cards.answered(card.requestId, answer)}.`);
          printAnswer(answer);
        }),
      );
    });

  const cards = fleet.command('cards').description("the operator's central card list (a small SQLite file, PINs sealed under its key file)");
  cards
    .command('import <file>')
    .description("cards from a billing system's CSV (serial, pin, amount, currency, reseller, expiry); all or none; - reads stdin")
    .option('--cards <file>', "the operator's card list", 'fleet-cards.db')
    .action(async (file: string, flags: { cards: string }) => {
      const text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
      await withCards(flags.cards, (list) => console.log(`${list.importCsv(text)} card(s) imported into ${flags.cards}.`));
    });
  cards
    .command('list')
    .description('every card: state (new, handed, used, rejected, unknown), masked PIN, the box and line it went to')
    .option('--cards <file>', "the operator's card list", 'fleet-cards.db')
    .option('--json', 'as JSON')
    .action(async (flags: { cards: string; json?: boolean }) => {
      await withCards(flags.cards, (list) => {
        const rows = list.list();
        if (flags.json) return void console.log(JSON.stringify(rows, null, 2));
        console.log(['state   ', 'serial          ', 'amount  ', 'pin                 ', 'expires   ', 'box/line'].join('  '));
        for (const c of rows) {
          console.log([c.state.padEnd(8), (c.serial ?? '—').padEnd(16), (c.amount ? `${c.amount} ${c.currency ?? ''}`.trim() : '—').padEnd(8), c.pin.padEnd(20), (c.expires ?? '—').padEnd(10), c.box ? `${c.box}/${c.line ?? 'first'} ${c.outcome ?? 'no answer yet'}` : '—'].join('  '));
        }
      });
    });
}

const seconds = (text: string): number => {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) < 1) throw new UsageError('--timeout is a number of seconds');
  return Number(text) * 1000;
};

async function withFleet(flags: BrokerFlags, work: (client: FleetClient) => Promise<void>): Promise<void> {
  const url = flags.broker ?? process.env.GSMKEEPER_BROKER;
  if (!url || !/^mqtts?:\/\/[^\s/]+(:[0-9]{1,5})?\/?$/.test(url)) throw new UsageError('--broker mqtt://HOST:1883 (or mqtts://HOST:8883) is needed');
  // A PEM file that is not there is named with its option before the password is asked for.
  const unreadable = unreadableFiles({ '--ca': flags.ca, '--cert': flags.cert, '--key': flags.key });
  if (unreadable.length) throw new UsageError(unreadable.join('; '));
  let password = process.env.GSMKEEPER_BROKER_PASSWORD ?? null;
  if (flags.password) password = await (await import('./prompt.js')).readSecret('Broker password: ');
  const [{ FleetClient, FleetTimeout }, { silentLogger }] = await Promise.all([import('../mqtt/fleet.js'), import('../log/logger.js')]);
  const client = await FleetClient.connect(
    { url, username: flags.username ?? null, password, ca: flags.ca ?? null, cert: flags.cert ?? null, key: flags.key ?? null, baseTopic: flags.baseTopic },
    silentLogger(),
  );
  try {
    await work(client);
  } catch (err) {
    if (err instanceof FleetTimeout) throw new UsageError(err.message);
    throw err;
  } finally {
    await client.close();
  }
}

async function withCards(file: string, work: (cards: FleetCards) => unknown): Promise<void> {
  const [{ FleetCards }, { asUsageError }] = await Promise.all([import('../mqtt/fleet-cards.js'), import('./vouchers.js')]);
  const cards = FleetCards.open(file);
  try {
    await work(cards);
  } catch (err) {
    throw asUsageError(err);
  } finally {
    cards.close();
  }
}

/**
 * Cards handed earlier whose answer never came (the operator's command stopped, the box was away):
 * sent again with the same request id, so the box answers from its record or runs it once.
 */
async function resumeHanded(client: FleetClient, cards: FleetCards, timeoutMs: number): Promise<void> {
  const { FleetTimeout } = await import('../mqtt/fleet.js');
  for (const card of cards.handed()) {
    try {
      const answer = await client.request(card.box, { action: 'recharge', args: { code: card.pin }, ...(card.line ? { line: card.line } : {}) }, { id: card.requestId, timeoutMs });
      console.log(`Card ${card.masked} (handed to ${card.box} earlier): ${cards.answered(card.requestId, answer)}.`);
    } catch (err) {
      if (!(err instanceof FleetTimeout)) throw err;
      console.log(`Card ${card.masked} (handed to ${card.box} earlier): still no answer; it stays with ${card.box}.`);
    }
  }
}

function printAnswer(answer: Record<string, unknown>): void {
  if (answer.ok === false) {
    console.log(`Error (${String(answer.error)}): ${String(answer.message)}`);
    process.exitCode = 1;
    return;
  }
  const text = answer.reply ?? answer.message;
  console.log(typeof text === 'string' ? text : JSON.stringify(answer));
}

function printStatus(boxes: FleetBox[]): void {
  if (!boxes.length) return void console.log('No box on this broker (nothing retained under the base topic).');
  console.log(['box         ', 'line    ', 'status  ', '   balance', 'days', 'signal', 'cards', 'problems'].join('  '));
  for (const box of boxes) {
    const status = box.stale ? `${box.status}*` : box.status;
    if (!box.lines.length) console.log([box.box.padEnd(12), '—'.padEnd(8), status.padEnd(8)].join('  '));
    for (const { line, state } of box.lines) {
      const balance = state.balance === null ? '—' : `${state.balance.toFixed(2)} ${state.currency ?? ''}`.trim();
      const problems = [...state.problems, ...(state.modemUp ? [] : ['modem down'])].join(', ') || '—';
      console.log([box.box.padEnd(12), line.padEnd(8), status.padEnd(8), balance.padStart(10), String(state.daysLeft ?? '—').padStart(4), String(state.signalDbm ?? '—').padStart(6), String(state.walletCardsReady).padStart(5), problems].join('  '));
    }
  }
  if (boxes.some((box) => box.stale)) console.log('* stale: the box is not online, its lines are as it last said.');
}
