import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { answerFromTranscript, type UssdAnswer } from '../../src/modem/ussd.js';
import { USSD_VECTORS } from '../vectors/ussd-vectors.js';
import { CLI, ROOT, requireBuilt } from '../helpers/processes.js';

const GSM = { cscs: 'GSM' as const, encoding: 'text' as const };

const TRANSCRIPTS: Array<[string, string, UssdAnswer | null]> = [
  ['a single +CUSD line', '+CUSD: 0,"Balans 5.00 EUR",15', { status: 'answer', text: 'Balans 5.00 EUR', dcs: 15 }],
  [
    'the echo, OK and unrelated URCs around the answer',
    'AT+CUSD=1,"*102#",15\r\r\nOK\r\n\r\n^RSSI: 14\r\n\r\n+CMTI: "SM",2\r\n\r\n+CUSD: 0,"Nalichnost: 3.20 EUR",15\r\n',
    { status: 'answer', text: 'Nalichnost: 3.20 EUR', dcs: 15 },
  ],
  [
    'a bare +CUSD: 2 release notice before the answer (python-gsmmodem #14)',
    '\r\nOK\r\n\r\n+CUSD: 2\r\n\r\n+CUSD: 0,"Balance: R12.50",15\r\n',
    { status: 'answer', text: 'Balance: R12.50', dcs: 15 },
  ],
  [
    '"Initiating Release" before the answer',
    '+CUSD: 2,"Initiating Release",15\n+CUSD: 0,"Balance: R12.50",15\n',
    { status: 'answer', text: 'Balance: R12.50', dcs: 15 },
  ],
  ['a release notice and nothing after it', '\r\nOK\r\n\r\n+CUSD: 2\r\n', { status: 'terminated', text: null, dcs: null }],
  [
    'a text spanning lines, with a quote of its own',
    '\r\nOK\r\n\r\n+CUSD: 1,"Bonus: 5" SMS\r\n1 Balans\r\n2 Paketi",15\r\n',
    { status: 'further-action', text: 'Bonus: 5" SMS\n1 Balans\n2 Paketi', dcs: 15 },
  ],
  ['a release notice after the answer is not the answer', '+CUSD: 0,"Balance: R12.50",15\r\n+CUSD: 2\r\n', { status: 'answer', text: 'Balance: R12.50', dcs: 15 }],
  ['a text cut off by OK is taken as it stands', '+CUSD: 0,"Balans 5.00\r\nOK\r\n', { status: 'answer', text: 'Balans 5.00', dcs: null }],
  ['nothing but OK', '\r\nOK\r\n', null],
];

describe('the answer the daemon would take from a transcript', () => {
  it.each(TRANSCRIPTS)('%s', (_name, transcript, answer) => {
    expect(answerFromTranscript(transcript, GSM).result).toEqual(answer);
  });

  it.each(USSD_VECTORS.map((v) => [v.source, v] as const))('the vector %s reads as the daemon reads it', (_source, vector) => {
    const answer = answerFromTranscript(vector.line, { cscs: vector.options.cscs ?? 'GSM', encoding: vector.options.packed ? 'packed' : 'text' }).result;
    // A line break inside the text reaches the daemon as one LF, whatever the modem ended it with.
    expect(answer).toMatchObject({ status: vector.status, text: vector.text?.replace(/\r\n?/g, '\n') ?? null });
  });

  it('aGarbledCusdLineIsNotAnAnswerAndSaysWhy', () => {
    const picker = answerFromTranscript('+CUSD: 9,"x",15', GSM);
    expect(picker.result).toBeNull();
    expect(picker.unreadable).toBe('unknown +CUSD status 9');
  });
});

describe('gsmkeeper ussd decode', () => {
  it('readsATranscriptOnStdin', () => {
    requireBuilt();
    const run = spawnSync(process.execPath, [CLI, 'ussd', 'decode'], { cwd: ROOT, input: '\r\nOK\r\n\r\n+CUSD: 2\r\n\r\n+CUSD: 0,"Balance: R12.50",15\r\n', encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ status: 'answer', text: 'Balance: R12.50', dcs: 15 });
  });

  it('keepsTheSingleLineForm', () => {
    requireBuilt();
    const run = spawnSync(process.execPath, [CLI, 'ussd', 'decode', '+CUSD: 0,"AA182C3602",15', '--packed'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ status: 'answer', text: '*101#', dcs: 15 });
  });

  it('saysSoWhenThereIsNoAnswer', () => {
    requireBuilt();
    const run = spawnSync(process.execPath, [CLI, 'ussd', 'decode', 'OK'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('not a +CUSD line, nor a transcript with one');
  });
});
