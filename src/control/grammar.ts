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

/**
 * A command as an SMS carries it after the password (`CREDITCFG ON,5`), or null when its
 * parameters cannot be carried as they are: a comma in one would split it, a lone `?` would make
 * it a query. Runs of spaces and empty fields at the end count as the grammar reads them.
 */
export function commandText(name: string, params: readonly string[]): string | null {
  const joined = params.join(',');
  const text = joined === '' ? name : `${name} ${joined}`;
  const parsed = parseCommandText(`*- ${text}`);
  if (!parsed.ok || parsed.command.name !== name || parsed.command.query || parsed.command.replyTo !== null) return null;
  const meant = withoutTrailingEmpty(params.map((param) => param.trim().split(/\s+/).join(' ')));
  const read = withoutTrailingEmpty(parsed.command.params);
  return meant.length === read.length && meant.every((param, i) => param === read[i]) ? text : null;
}

/** Parameters without the empty ones at the end (`ON,,` says what `ON` says). */
export function withoutTrailingEmpty(params: readonly string[]): string[] {
  const out = [...params];
  while (out.at(-1) === '') out.pop();
  return out;
}
