#!/usr/bin/env -S node --max-semi-space-size=1 --lite-mode --no-expose-wasm
import { Command, Option } from 'commander';
import { ConfigError } from '../config/load.js';
import { CarrierProfileError } from '../carriers/loader.js';
import { VERSION } from '../util/version.js';
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
  .action(async (flags) => (await import('./run.js')).runCommand(flags));

program
  .command('simulate')
  .description('run the simulated modem and carrier as a process of its own')
  .option('--listen <host:port>', 'serve the modem line over TCP (connect with run --port tcp://HOST:PORT)')
  .option('--stdio', 'the modem line is stdin/stdout (scripts/pty-relay.py makes it a pty)')
  .option('--state <file>', 'carrier, phones and SIM storage (default: data/simulator-modem.json)')
  .option('--http <host:port>', 'serve /api/v1/sim/… (phones, vouchers) on this address')
  .option('--dialect <carrier>', 'vivacom, a1 or yettel', 'vivacom')
  .option('--wording <name>', "another carrier's wording for the answers: english, french, russian or unclear")
  .option('--ussd-delay <ms>', 'carrier answer delay for USSD', '1200')
  .option('--vouchers <n>', 'how many 5.00 cards a new carrier starts with', '10')
  .option('--baud <n>', 'pace the line at this baud rate, both ways, like a real serial port')
  .option('--storage <n>', 'SIM message storage capacity', '30')
  .option('--fault <name...>', 'start with fault modes on: hang, late, garbage, urc-storm, cusd-before-ok, slow-prompt, sim-removed, network-lost (toggle later with POST /api/v1/sim/faults)')
  .action(async (flags) => (await import('./simulate.js')).simulateCommand(flags));

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
  .option('--shop <name>', 'where it was bought')
  .option('--expires <date>', 'the last day it may be used: YYYY-MM-DD or DD.MM.YYYY')
  .option('--carrier <id>', 'the carrier it is for (vivacom, a1, yettel); default: whatever SIM is in the box')
  .action(async (flags) => (await import('./vouchers.js')).vouchersAddCommand(flags));
storeOptions(vouchers.command('list'))
  .description('every card with its state (new, used, rejected, unknown, expired); PINs masked')
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
