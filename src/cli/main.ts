#!/usr/bin/env -S node --max-semi-space-size=1 --lite-mode --no-expose-wasm
import { Command, Option } from 'commander';
import { ConfigError } from '../config/load.js';
import { CarrierProfileError } from '../carriers/loader.js';
import { VERSION } from '../util/version.js';
import { registerFleetCommands } from './fleet.js';
import { UsageError } from './usage-error.js';

const program = new Command();

/** The two options every command that opens the box's store takes. */
function storeOptions(command: Command): Command {
  return command
    .option('--config <file>', 'YAML config file (default: ./gsmkeeper.yml when present)')
    .option('--data-dir <dir>', 'where the database lives');
}
// Each subcommand loads its own modules when it runs: the daemon does not carry the simulator CLI or
// the codec tools in memory, and a quick `pdu decode` does not load the daemon.
program.name('gsmkeeper').description('Keeps a prepaid SIM topped up; answers SMS and HTTP commands.').version(VERSION).showHelpAfterError();

program
  .command('run')
  .description('run the daemon (on the built-in simulated modem when no port is configured)')
  .option('--port <path>', 'modem port: /dev/serial/by-id/…, /dev/ttyUSB0, /dev/pts/N or tcp://HOST:PORT')
  .option('--baud <n>', 'baud rate of a serial port')
  .option('--config <file>', 'YAML config file (default: ./gsmkeeper.yml when present)')
  .option('--data-dir <dir>', 'where the database, token and simulator state live')
  .option('--http <host:port>', 'relay API address ("" to turn it off)')
  .addOption(new Option('--log-level <level>').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
  .option('--mqtt <url>', 'the MQTT bridge on this broker: mqtt://HOST:1883 or mqtts://HOST:8883 (mqtt.url)')
  .action(async (flags) => (await import('./run.js')).runCommand(flags));

const simulate = program
  .command('simulate')
  .description('run the simulated modem and carrier as a process of its own')
  .option('--listen <host:port>', 'serve the modem line over TCP (connect with run --port tcp://HOST:PORT)')
  .option('--stdio', 'the modem line is stdin/stdout (scripts/pty-relay.py makes it a pty)')
  .option('--state <file>', 'carrier, phones and SIM storage (default: data/simulator-modem.json)')
  .option('--http <host:port>', 'serve /api/v1/sim/… (phones, vouchers) on this address')
  .option('--dialect <carriers>', 'vivacom, a1 or yettel; with --lines, one per line, comma-separated (the rest cycle through the carriers)', 'vivacom')
  .option('--lines <n>', 'several modems, each its own SIM and carrier, on consecutive TCP ports from --listen (1–8)', '1')
  .option('--wording <name>', "another carrier's wording for the answers: english, french, russian or unclear")
  .option('--ussd-delay <ms>', 'carrier answer delay for USSD', '1200')
  .option('--vouchers <n>', 'how many 5.00 cards a new carrier starts with', '10')
  .option('--baud <n>', 'pace the line at this baud rate, both ways, like a real serial port')
  .option('--storage <n>', 'SIM message storage capacity', '30')
  .option('--fault <name...>', 'start with fault modes on: hang, late, garbage, urc-storm, cusd-before-ok, slow-prompt, sim-removed, network-lost (toggle later with POST /api/v1/sim/faults)')
  .action(async (flags) => (await import('./simulate.js')).simulateCommand(flags));

/** The simulated carrier's card issuing, on its state file (the built-in simulator's is <data dir>/simulator.json). */
// --state and --dialect of `simulate cards …` are its own, not the running simulator's: options
// belong to the command they follow.
program.enablePositionalOptions();
simulate.enablePositionalOptions();
const simCards = simulate.command('cards').description("the simulated carrier's top-up cards: generate a series, list them");
simCards
  .command('generate')
  .description('issue a batch of cards (amount, quantity, series, PIN length ≥ 5, reseller, expiry); --csv prints it for `gsmkeeper vouchers import`')
  .requiredOption('--amount <amount>', 'what each card adds, e.g. 5.00')
  .option('--quantity <n>', 'how many cards', '1')
  .requiredOption('--series <series>', 'the serial prefix, e.g. 103 → 103-000001')
  .option('--pin-length <n>', 'PIN digits (at least 5)', '15')
  .option('--reseller <name>', 'who the cards belong to')
  .requiredOption('--expires <date>', 'the last day they may be used: YYYY-MM-DD or DD.MM.YYYY')
  .option('--state <file>', 'the simulator state (default: data/simulator-modem.json); stop the simulator first, or use its API')
  .option('--dialect <carrier>', 'for a new state file: vivacom, a1 or yettel', 'vivacom')
  .option('--csv', 'print the batch as the wallet imports it')
  .action(async (flags) => (await import('./sim-cards.js')).simulateCardsGenerateCommand(flags));
simCards
  .command('list')
  .description('the issued cards, newest first: status, serial, amount, PIN, reseller, activated, created on')
  .option('--series <series>', 'one series')
  .option('--status <status>', 'new, activated or expired')
  .option('--page <n>', 'which page', '1')
  .option('--per-page <n>', 'rows per page', '20')
  .option('--state <file>', 'the simulator state (default: data/simulator-modem.json)')
  .option('--dialect <carrier>', 'for a new state file: vivacom, a1 or yettel', 'vivacom')
  .option('--csv', 'every card found, as the wallet imports it')
  .action(async (flags) => (await import('./sim-cards.js')).simulateCardsListCommand(flags));

storeOptions(program.command('doctor'))
  .description('check the modem, SIM, carrier, network, storage and (with --ussd) the USSD encoding; run it instead of the daemon')
  .option('--port <path>', 'modem port: /dev/serial/by-id/…, /dev/ttyUSB0, /dev/pts/N or tcp://HOST:PORT')
  .option('--baud <n>', 'baud rate of a serial port')
  .option('--ussd', "dial the carrier's balance code to find the USSD encoding this modem wants")
  .action(async (flags) => (await import('./doctor.js')).doctorCommand(flags));

const credit = program.command('credit').description('voucher recharge administration');
storeOptions(credit.command('reset'))
  .description('clear the voucher attempt lock (after checking the SIM with the carrier)')
  .option('--imsi <imsi>', 'only this SIM')
  .action(async (flags) => (await import('./credit.js')).creditResetCommand(flags));
storeOptions(credit.command('unknown'))
  .description('list the recharges whose outcome is unknown, with what the carrier said')
  .action(async (flags) => (await import('./credit.js')).creditUnknownCommand(flags));
storeOptions(credit.command('settle <ref> <verdict>'))
  .description('settle an unknown outcome, by recharge id or the card\'s last 4 digits: used or unused (an unused card may be sent again)')
  .action(async (ref: string, verdict: string, flags) => (await import('./credit.js')).creditSettleCommand(ref, verdict, flags));

const vouchers = program.command('vouchers').description('the voucher wallet: cards the box tops itself up with when the balance runs low');
storeOptions(vouchers.command('add'))
  .description('add a card; the PIN is typed at the prompt or piped in, never given as an argument')
  .option('--serial <serial>', 'the serial number printed on the card')
  .option('--amount <amount>', 'its value, e.g. 5.00')
  .option('--currency <code>', 'EUR, BGN…')
  .option('--reseller <name>', 'who sold it')
  .addOption(new Option('--shop <name>').hideHelp())
  .option('--expires <date>', 'the last day it may be used: YYYY-MM-DD or DD.MM.YYYY')
  .option('--carrier <id>', 'the carrier it is for (vivacom, a1, yettel); default: whatever SIM is in the box')
  .action(async (flags) => (await import('./vouchers.js')).vouchersAddCommand(flags));
storeOptions(vouchers.command('list'))
  .description('every card with its status (new, activated, expired, rejected, unknown); PINs masked')
  .option('--json', 'as JSON')
  .action(async (flags) => (await import('./vouchers.js')).vouchersListCommand(flags));
storeOptions(vouchers.command('remove <id>'))
  .description('take out a card that was never dialled')
  .action(async (id: string, flags) => (await import('./vouchers.js')).vouchersRemoveCommand(id, flags));

storeOptions(program.command('backup <file>'))
  .description("the store (an online copy, safe while the daemon runs), the install key, the relay token and the config file in one file")
  .option('--seal', 'seal it with a passphrase (asked for at the prompt or read from stdin, never an argument)')
  .option('--force', 'overwrite <file> if it exists')
  .action(async (file: string, flags) => (await import('./backup.js')).backupCommand(file, flags));
storeOptions(program.command('restore <file>'))
  .description('put a backup back into the data dir (with the daemon stopped); its checksums or seal are verified first')
  .option('--force', 'overwrite a store, key, token or config file already there')
  .action(async (file: string, flags) => (await import('./backup.js')).restoreCommand(file, flags));

/** The advanced search's fields, the same names as the API's query parameters. */
function searchOptions(command: Command): Command {
  return storeOptions(command)
    .option('--serial <serial>', 'this serial, e.g. 101-23423423')
    .option('--serial-from <serial>', 'serials from this one…')
    .option('--serial-to <serial>', '…to this one')
    .option('--pin', 'this PIN, typed at the prompt or piped in (matched by its keyed hash)')
    .option('--status <list>', 'new, activated, expired, rejected, unknown, dialling (comma-separated)')
    .option('--reseller <name>', 'this reseller (default: all resellers)')
    .option('--carrier <id>', 'cards for this carrier')
    .option('--amount-from <amount>', 'amount from…')
    .option('--amount-to <amount>', '…to')
    .option('--expires-from <date>', 'expiry date from…')
    .option('--expires-to <date>', '…to')
    .option('--client <text>', 'dialled by (part of the phone, http:<address>, wallet:<reason>, or line)')
    .option('--activated-from <date>', 'activation date from…')
    .option('--activated-to <date>', '…to');
}
searchOptions(vouchers.command('search'))
  .description('the advanced search: every field, sorted and paged ("Rows 1 – 20 of 143", "Page 1 of 8")')
  .option('--sort <field>', 'serial, amount, status, reseller, carrier, expires, activated, created', 'expires')
  .option('--order <order>', 'asc or desc', 'asc')
  .option('--page <n>', 'which page', '1')
  .option('--per-page <n>', 'rows per page (at most 500)', '20')
  .option('--json', 'as JSON')
  .action(async (flags) => (await import('./cards.js')).vouchersSearchCommand(flags));
searchOptions(vouchers.command('edit'))
  .description('mass edit of the cards found (or --ids): expiry date and reseller, each preserved unless set; dialled cards are kept as they are')
  .option('--ids <list>', 'these cards only, e.g. 3,4,9')
  .option('--set-expires <date>', 'set the expiry date of every card ("" clears it)')
  .option('--set-reseller <name>', 'set the reseller of every card ("" clears it)')
  .action(async (flags) => (await import('./cards.js')).vouchersEditCommand(flags));
searchOptions(vouchers.command('delete [ids...]'))
  .description('delete cards never dialled: by id, or --all of those found with --confirm "delete all"')
  .option('--all', 'every card the search flags find')
  .option('--confirm <words>', 'the confirmation "delete all" asks for')
  .action(async (ids: string[], flags) => (await import('./cards.js')).vouchersDeleteCommand(ids, flags));
storeOptions(vouchers.command('import <file>'))
  .description('cards from a CSV with a header (serial, pin, amount, currency, reseller, expiry, carrier); all or none, bad lines named; - reads stdin')
  .action(async (file: string, flags) => (await import('./cards.js')).vouchersImportCommand(file, flags));
searchOptions(vouchers.command('export'))
  .description('the cards found as CSV, PINs masked unless --full-pins (asked to confirm)')
  .option('--output <file>', 'write here (mode 0600) instead of standard output')
  .option('--full-pins', 'every PIN in full, for moving the wallet to another box')
  .option('--confirm <words>', 'the confirmation --full-pins asks for ("full pins")')
  .option('--sort <field>', 'as for search', 'expires')
  .option('--order <order>', 'asc or desc', 'asc')
  .action(async (flags) => (await import('./cards.js')).vouchersExportCommand(flags));

const carriers = program.command('carriers').description('carrier profiles and carrier texts');
carriers
  .command('check <file>')
  .description('validate a carrier profile and read its own sample answers with it')
  .action(async (file: string) => (await import('./carriers.js')).carriersCheckCommand(file));
carriers
  .command('interpret <text>')
  .description("what the daemon reads from a carrier's answer, as JSON ('-' reads it from stdin)")
  .option('--carrier <id>', "read it with this carrier's profile (vivacom, a1, yettel, generic)")
  .addOption(new Option('--kind <kind>', 'what was dialled').choices(['topup', 'balance']))
  .option('--config <file>', 'YAML config file (for carriersDir)')
  .action(async (text: string, flags) => (await import('./carriers.js')).carriersInterpretCommand(text, flags));

registerFleetCommands(program);

const pdu = program.command('pdu').description('SMS PDU tools for debugging a modem');
pdu
  .command('decode <hex>')
  .description('decode a PDU as AT+CMGR / AT+CMGL print it (with the SMSC prefix)')
  .option('--no-smsc', 'the hex is a bare TPDU, without the SMSC octet')
  .option('--length <n>', 'the length AT+CMGR/AT+CMGL printed before the PDU: a PDU of exactly that many octets has no SMSC octet')
  .action(async (hex: string, options) => (await import('./codec-tools.js')).pduDecodeCommand(hex, options));
pdu
  .command('encode <text>')
  .description('encode a text as SMS-SUBMIT PDUs with their AT+CMGS lengths')
  .option('--to <number>', 'destination number')
  .option('--reference <n>', 'concatenation reference for long texts', '0')
  .action(async (text: string, options) => (await import('./codec-tools.js')).pduEncodeCommand(text, options));

program
  .command('ussd')
  .description('USSD tools')
  .command('decode [transcript]')
  .description("the answer the box would take from what the modem printed: a +CUSD line, e.g. '+CUSD: 0,\"0412043004300431\",72', or several lines with OK and other URCs around it (as one argument, or on stdin when it is - or left out)")
  .option('--cscs <set>', 'the TE character set the modem used (GSM, IRA, HEX, UCS2)', 'GSM')
  .option('--packed', 'the modem prints GSM 7-bit answers as packed hex (Huawei E1xx)')
  .action(async (transcript: string | undefined, options) => (await import('./codec-tools.js')).ussdDecodeCommand(transcript, options));

program.parseAsync(process.argv).catch((err: unknown) => {
  // Clear one-line errors for what a user can fix; a stack only for our own bugs.
  if (err instanceof ConfigError) {
    console.error(`gsmkeeper: config: ${err.message}`);
    process.exit(2);
  }
  if (err instanceof UsageError) {
    console.error(`gsmkeeper: ${err.message}`);
    process.exit(2);
  }
  if (err instanceof CarrierProfileError) {
    console.error(`gsmkeeper: carrier profile: ${err.message}`);
    process.exit(2);
  }
  const message = err instanceof Error ? err.message : String(err);
  console.error(`gsmkeeper: ${message}`);
  process.exit(1);
});
