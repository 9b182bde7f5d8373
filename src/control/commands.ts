import type { Handler } from './context.js';
import { credit } from './handlers/credit.js';
import { dialogue, dialogueQuery } from './handlers/dialogue.js';
import { creditQuery } from './handlers/credit-query.js';
import { creditcfg, creditcfgQuery } from './handlers/creditcfg.js';
import { phadd, phdel, phgrQuery } from './handlers/groups.js';
import { help } from './handlers/help.js';
import { lang, langQuery } from './handlers/lang.js';
import { pwd } from './handlers/pwd.js';
import { reset } from './handlers/reset.js';
import { settle } from './handlers/settle.js';
import { stat } from './handlers/stat.js';
import { ussd } from './handlers/ussd.js';

/**
 * The seed device's three kinds of command. Info commands (name ends in `?`) always answer;
 * control and config commands answer on error, or when `PH` asks for it; CREDIT always answers.
 * Config commands need a Config group number (when that option is on).
 */
export type CommandKind = 'control' | 'info' | 'config';

export interface CommandSpec {
  handler: Handler;
  kind: CommandKind;
  alwaysAnswers?: boolean;
}

export const COMMANDS: Record<string, CommandSpec> = {
  CREDIT: { handler: credit, kind: 'control', alwaysAnswers: true },
  'CREDIT?': { handler: creditQuery, kind: 'info' },
  'STAT?': { handler: stat, kind: 'info' },
  'HELP?': { handler: help, kind: 'info' },
  'CREDITCFG?': { handler: creditcfgQuery, kind: 'info' },
  'PHGR?': { handler: phgrQuery, kind: 'info' },
  CREDITCFG: { handler: creditcfg, kind: 'config' },
  PWD: { handler: pwd, kind: 'config' },
  PHADD: { handler: phadd, kind: 'config' },
  PHDEL: { handler: phdel, kind: 'config' },
  'LANG?': { handler: langQuery, kind: 'info' },
  'DIALOGUE?': { handler: dialogueQuery, kind: 'info' },
  // A phone's own language is anyone's to choose; the box's default needs a Config number (the handler checks).
  LANG: { handler: lang, kind: 'control' },
  DIALOGUE: { handler: dialogue, kind: 'config' },
  USSD: { handler: ussd, kind: 'config', alwaysAnswers: true },
  SETTLE: { handler: settle, kind: 'config', alwaysAnswers: true },
  RESET: { handler: reset, kind: 'control' },
};
