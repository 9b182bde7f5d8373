import { ok, type Handler } from '../context.js';

/** Fits one GSM 7-bit SMS (160 characters); a test keeps it so. */
export const HELP_TEXT =
  'CREDIT code;CREDIT?;STAT?;CREDITCFG ON/OFF,low,days;CREDITCFG?/RESET;SETTLE id,USED/UNUSED;PWD new;PHADD/PHDEL grp,no;PHGR? grp;USSD code;LANG EN/BG;RESET;HELP?';

/** HELP?: every command in one SMS. */
export const help: Handler = async () => ok(HELP_TEXT);
