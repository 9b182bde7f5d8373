/**
 * Hostile HTTP requests as raw bytes: no token, wrong tokens, huge and malformed bodies, JSON bombs,
 * odd methods, paths and headers, form bodies on the recharge form, bodies that trickle in. Each
 * says what the box may answer: a 2xx only when the token is right or the route is public.
 */
import type { Random } from './random.js';
import { grouped } from './texts.js';

export interface HttpAttack {
  /** The bytes, in the pieces they are written in (with a pause between pieces when `trickleMs`). */
  pieces: Buffer[];
  trickleMs: number;
  /** What it is, for the report. */
  label: string;
  /** The request carries `Authorization: Bearer <token>` as the API documents it. */
  authorized: boolean;
  /** The route answers without the token (health, the panel's files, the recharge form). */
  publicRoute: boolean;
  /** A command with a wrong password: must never be answered with a reply. */
  wrongPassword: boolean;
  /** Codes the request carries: none may come back beyond its last 4. */
  codes: string[];
  /** The request never completes: the box must close it by its own deadlines. */
  abandoned: boolean;
}

const PUBLIC_GETS = ['/api/v1/health', '/', '/panel', '/panel/', '/panel/panel.js', '/panel/panel.css', '/recharge', '/recharge/form.css'];
const API_GETS = ['/api/v1/status', '/api/v1/messages?limit=5', '/api/v1/balances?limit=999', '/api/v1/vouchers?status=new&page=2', '/api/v1/vouchers/resellers', '/api/v1/vouchers/export?status=new', '/metrics', '/api/v1/sim/vouchers', '/api/v1/sim/stats', '/api/v1/messages?limit=-1', '/api/v1/vouchers?perPage=100000'];
const API_POSTS = ['/api/v1/commands', '/api/v1/recharge', '/api/v1/vouchers', '/api/v1/vouchers/search', '/api/v1/vouchers/bulk', '/api/v1/vouchers/mass-edit', '/api/v1/vouchers/delete', '/api/v1/sim/sms', '/api/v1/vouchers/top-up'];
const ODD_METHODS = ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'get', 'G\tET', 'X'.repeat(300), 'CONNECT', 'HEAD', 'BREW'];
const ODD_PATHS = ['//api/v1/status', '/api/v1/status/', '/API/V1/STATUS', '/api/v1/health/../status', '/api/v1/%2e%2e/status', '/api/v1/health?x=1', '/api/v1/health%00', '*', 'http://127.0.0.1/api/v1/status', '/panel/../api/v1/messages', `/${'a/'.repeat(3000)}`, '/api/v1/vouchers/1', '/api/v1/vouchers/-1', '/api/v1/vouchers/99999999999999999999', '/api/v1/sim/phones/0888%00/messages', '/recharge?css=javascript:alert(1)', "/recharge?css=https://x/a.css';x"];

function isPublic(method: string, path: string): boolean {
  if (path === '/api/v1/health') return true;
  if (method === 'GET' && PUBLIC_GETS.includes(path.split('?')[0]!)) return true;
  return (method === 'GET' || method === 'POST' || method === 'HEAD') && /^\/recharge(\/form\.css)?(\?|$)/.test(path);
}

function auth(r: Random, token: string): { header: string | null; authorized: boolean } {
  const roll = r.int(0, 15);
  if (roll < 6) return { header: `Bearer ${token}`, authorized: true };
  if (roll === 6) return { header: `bearer\t${token}  `, authorized: true };
  if (roll === 7) return { header: null, authorized: false };
  const wrong = r.pick([
    `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Bearer ${token.toUpperCase()}`, `Bearer ${token} ${token}`, `Basic ${Buffer.from(`a:${token}`).toString('base64')}`,
    'Bearer', 'Bearer ', '', `Bearer ${token}\u200b`, `Token ${token}`, `Bearer ${'A'.repeat(9000)}`, `Bearer ${r.string('abcdef0123456789', 26)}`, `${token}`, `Bearer %${token}`,
  ]);
  return { header: wrong, authorized: false };
}

/** A JSON body as a hostile or careless client writes one. */
function body(r: Random, path: string, codes: string[], password: string): { text: string; wrongPassword: boolean } {
  const code = r.chance(0.5) ? r.digits(15) : r.digits(r.int(5, 20));
  codes.push(code);
  // Most bodies are the route's own (so they reach its handler), the rest anything at all.
  const own: Record<string, number[]> = { '/api/v1/commands': [0, 1, 16], '/api/v1/recharge': [2, 3], '/api/v1/vouchers': [4], '/api/v1/vouchers/bulk': [12], '/api/v1/vouchers/mass-edit': [13], '/api/v1/vouchers/delete': [13, 14], '/api/v1/vouchers/search': [14], '/api/v1/sim/sms': [15] };
  const roll = own[path] && r.chance(0.6) ? r.pick(own[path]!) : r.int(0, 19);
  const wrongPassword = roll === 0;
  if (roll === 0) return { text: JSON.stringify({ text: `*${r.digits(6)} CREDIT ${code}` }), wrongPassword: true };
  if (roll === 1) return { text: JSON.stringify({ text: `*${password} ${r.pick(['STAT?', `CREDIT ${grouped(r, code)}`, `CREDIT ${code}`, 'CREDIT?', 'FOO'])}` }), wrongPassword };
  if (roll === 2) return { text: JSON.stringify({ code }), wrongPassword };
  if (roll === 3) return { text: JSON.stringify({ destination: r.pick(['self', 'main', '+359', '']), source_coupon: code }), wrongPassword };
  if (roll === 4) return { text: JSON.stringify({ pin: code, amount: r.pick(['5.00', '-1', '1e309', 'NaN']), currency: 'EUR', expires: r.pick(['31.12.2027', '2027-02-30', '99.99.9999']) }), wrongPassword };
  if (roll === 5) return { text: `${'['.repeat(r.int(1000, 7000))}${']'.repeat(r.int(0, 7000))}`, wrongPassword };
  if (roll === 6) return { text: `{"text":${'{"a":'.repeat(r.int(100, 3000))}1${'}'.repeat(r.int(0, 3000))}}`, wrongPassword };
  if (roll === 7) return { text: JSON.stringify(Object.fromEntries(Array.from({ length: r.int(100, 1500) }, (_, i) => [`k${i}`, i]))), wrongPassword };
  if (roll === 8) return { text: `{"text":"${'x'.repeat(r.int(15_000, 40_000))}"}`, wrongPassword };
  if (roll === 9) return { text: '{"__proto__":{"admin":true},"text":"*123456 STAT?"}', wrongPassword };
  if (roll === 10) return { text: '{"constructor":{"prototype":{"x":1}},"code":"1"}', wrongPassword };
  if (roll === 11) return { text: r.pick(['{', '{"text":', '{"text":"\\ud800"}', '{"text":"a",}', 'null', '[]', '"x"', '1e999999', '{"text":null}', '{"text":["*123456 STAT?"]}', '\u0000', '{"text":"*123456 STAT?"}garbage']), wrongPassword };
  // A few cards a time: the wallet grows with every bulk add that succeeds, and the attacks are on the requests, not the wallet's size.
  if (roll === 12) return { text: JSON.stringify({ cards: Array.from({ length: r.int(1, 5) }, () => ({ pin: r.digits(15) })) }), wrongPassword };
  if (roll === 13) return { text: JSON.stringify({ ids: Array.from({ length: r.int(1, 2000) }, () => r.int(-5, 1e9)), expires: { setTo: 'x' } }), wrongPassword };
  if (roll === 14) return { text: JSON.stringify({ filter: { serialFrom: "1' OR 1=1 --", pin: code }, confirm: 'delete all' }), wrongPassword };
  if (roll === 15) return { text: JSON.stringify({ from: `+359${r.digits(9)}`, text: `*${password} CREDIT ${code}` }), wrongPassword };
  return { text: JSON.stringify({ text: `*${password} STAT?` }), wrongPassword };
}

function formBody(r: Random, codes: string[]): string {
  const code = r.digits(r.pick([15, 15, 14, 5, 40]));
  codes.push(code);
  const fields = [
    `destination=${r.pick(['self', 'main', '%2B359881000001', '', '%00'])}`,
    r.pick([`source_coupon=${code}`, `source_account=101-${r.digits(6)}&source_pin=${code}`, `source_coupon=${encodeURIComponent(grouped(r, code))}`, `source_coupon=${code}&source_pin=${code}`]),
    r.pick(['submit=Recharge', `css=${encodeURIComponent(r.pick(['https://shop.example/x.css', 'javascript:alert(1)', "https://x/a.css';", 'http://x/a.css', 'x'.repeat(400)]))}`, '', '&&&', '%', 'a=%zz']),
  ];
  return fields.join('&');
}

/** One hostile request. `password`: the box's command password, which some bodies use right. */
export function httpAttack(r: Random, token: string, password: string, allowAbandoned: boolean): HttpAttack {
  const codes: string[] = [];
  const roll = r.int(0, 99);
  let method = 'GET';
  let path = r.pick(API_GETS);
  let contentType: string | null = null;
  let payload = '';
  let wrongPassword = false;
  let label = 'get';
  if (roll < 35) {
    method = 'POST';
    path = r.pick(API_POSTS);
    contentType = r.chance(0.9) ? 'application/json' : r.pick(['text/plain', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json\u0000']);
    const made = body(r, path, codes, password);
    payload = made.text;
    wrongPassword = made.wrongPassword && path === '/api/v1/commands';
    label = 'post json';
  } else if (roll < 45) {
    method = r.pick(['GET', 'POST']);
    path = r.pick(['/recharge', '/recharge?css=https://shop.example/x.css', '/recharge?destination=self']);
    contentType = method === 'POST' ? r.pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json']) : null;
    payload = method === 'POST' ? formBody(r, codes) : '';
    label = 'recharge form';
  } else if (roll < 55) {
    path = r.pick(PUBLIC_GETS);
    label = 'public get';
  } else if (roll < 65) {
    method = r.pick(ODD_METHODS);
    path = r.chance(0.5) ? r.pick([...API_GETS, ...API_POSTS]) : r.pick(ODD_PATHS);
    label = 'odd method';
  } else if (roll < 75) {
    path = r.pick(ODD_PATHS);
    label = 'odd path';
  }
  const { header, authorized: bearer } = auth(r, token);
  let authorized = bearer;
  const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1`];
  if (header !== null) lines.push(`Authorization: ${header}`);
  if (contentType) lines.push(`Content-Type: ${contentType}`);
  const bytes = Buffer.from(payload, 'utf8');
  let chunked = false;
  if (roll >= 75 && roll < 90) {
    label = 'odd headers';
    const odd = r.int(0, 7);
    if (odd === 0) lines.push(`X-Long: ${'a'.repeat(r.int(8000, 20000))}`);
    if (odd === 1) for (let i = 0; i < r.int(100, 3000); i++) lines.push(`X-H${i}: ${i}`);
    if (odd === 2) lines.push('Bad Header: x', 'X-Ok: y');
    if (odd === 3) {
      // A repeated Authorization header: the first one counts.
      lines.push(`Authorization: Bearer ${token}`, `Authorization: Bearer ${token}`);
      if (header === null) authorized = true;
    }
    if (odd === 4) lines.push(' folded: continuation');
    if (odd === 5) lines.push('Content-Length: 5', 'Content-Length: 7');
    if (odd === 6) lines.push('Transfer-Encoding: chunked', 'Content-Length: 3');
    if (odd === 7) lines.push('X-Bin: \u0001\u007f');
  }
  if (roll >= 90 && method !== 'GET') chunked = true;
  if (chunked) {
    lines.push('Transfer-Encoding: chunked');
    label = 'chunked';
  } else if (payload || method === 'POST') {
    lines.push(`Content-Length: ${bytes.length}`);
  }
  lines.push('Connection: close');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  let bodyBytes = bytes;
  if (chunked) {
    const bad = r.chance(0.3);
    bodyBytes = Buffer.concat([Buffer.from(`${bad ? 'zz' : bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n0\r\n\r\n')]);
  }
  let pieces = [head, bodyBytes].filter((b) => b.length > 0);
  let trickleMs = 0;
  let abandoned = false;
  if (r.chance(0.03)) {
    // A slow client: the request in small pieces with pauses, complete in the end.
    const all = Buffer.concat(pieces);
    const size = Math.max(1, Math.ceil(all.length / r.int(3, 12)));
    pieces = [];
    for (let i = 0; i < all.length; i += size) pieces.push(all.subarray(i, i + size));
    trickleMs = r.int(50, 250);
    label = `slow ${label}`;
  } else if (allowAbandoned && r.chance(0.002)) {
    // Headers only, or a body that stops short of its length: the box's own deadlines must end it.
    pieces = r.chance(0.5) ? [head.subarray(0, r.int(1, head.length - 1))] : [Buffer.concat([head, bodyBytes]).subarray(0, head.length + Math.floor(bodyBytes.length / 2))];
    abandoned = true;
    label = 'abandoned';
  }
  return { pieces, trickleMs, label, authorized, publicRoute: isPublic(method, path), wrongPassword, codes, abandoned };
}
