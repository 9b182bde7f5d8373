/**
 * The command language of DESIGN.md (modelled on the MG-08 controller):
 *
 *   *<password> [PH <phone>] <COMMAND>[?] [<param>[,<param>...]]
 *
 * The message is scanned for the first `*`; the password follows it directly. Keywords are
 * case-insensitive and runs of spaces count as one.
 */
export interface ParsedCommand {
  password: string;
  /** `PH <phone>`: where the reply goes instead of the sender. */
  replyTo: string | null;
  /** Upper-cased keyword without the `?`. */
  name: string;
  /** Info commands end in `?` and always answer. */
  query: boolean;
  params: string[];
}

export type ParseResult =
  | { ok: true; command: ParsedCommand }
  | { ok: false; reason: 'no-star' | 'no-password' | 'no-command' | 'bad-phone'; password?: string };

/** `PH` numbers: optional '+', 3–20 digits — nothing else ever becomes an SMS destination. */
export const PHONE_RE = /^\+?[0-9]{3,20}$/;

export function parseCommandText(text: string): ParseResult {
  const star = text.indexOf('*');
  if (star < 0) return { ok: false, reason: 'no-star' };
  const rest = text.slice(star + 1);
  const passwordMatch = /^(\S+)/.exec(rest);
  if (!passwordMatch) return { ok: false, reason: 'no-password' };
  const password = passwordMatch[1]!;
  const tokens = rest.slice(password.length).trim().split(/\s+/).filter(Boolean);

  let replyTo: string | null = null;
  if (tokens[0]?.toUpperCase() === 'PH') {
    const phone = tokens[1];
    if (!phone || !PHONE_RE.test(phone)) return { ok: false, reason: 'bad-phone', password };
    replyTo = phone;
    tokens.splice(0, 2);
  }
  const keyword = tokens.shift();
  if (!keyword) return { ok: false, reason: 'no-command', password };
  let name = keyword.toUpperCase();
  let query = false;
  if (name.endsWith('?')) {
    query = true;
    name = name.slice(0, -1);
  } else if (tokens[0] === '?') {
    query = true;
    tokens.shift();
  }
  const joined = tokens.join(' ');
  const params = joined === '' ? [] : joined.split(',').map((p) => p.trim());
  return { ok: true, command: { password, replyTo, name, query, params } };
}
