import { ok, type Handler } from '../context.js';

/** Fits one GSM 7-bit SMS (160 characters); a test keeps it so. */
export const HELP_TEXT =
  'CREDIT code;CREDIT?;STAT?;CREDITCFG(?) ON/OFF,low,days/RESET;SETTLE id,USED/UNUSED;PWD new;PHADD/PHDEL/PHGR? grp,no;USSD code;LANG EN/BG;DIALOGUE ON/OFF;RESET';

/** HELP?: every command in one SMS. */
export const help: Handler = async () => ok(HELP_TEXT);
