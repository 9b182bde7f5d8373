import type { ErrorObject } from 'ajv';

/** The command-line option behind a config key, by dotted key: { 'modem.baud': '--baud' }. */
export type FlagNames = Record<string, string>;

interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly [keyword: string]: unknown;
}

/** The dotted key of a JSON pointer ("/modem/baud" → "modem.baud"). */
function keyOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

function nodeAt(schema: SchemaNode, key: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  // An item of a list (lines.0.baud) is described by the list's `items`.
  for (const part of key ? key.split('.') : []) node = /^[0-9]+$/.test(part) ? (node?.items as SchemaNode | undefined) : node?.properties?.[part];
  return node;
}

/** Edits (insert, delete, substitute, swap two neighbours) from a to b: "modme" is one from "modem". */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known key closest to a misspelt one, when it is close enough to be what was meant: a few
 * edits away, or the known key with something added or cut off ("baudrate", "keepAlive").
 */
export function closestKey(given: string, known: string[]): string | null {
  const lower = given.toLowerCase();
  let best: { key: string; distance: number } | null = null;
  for (const key of known) {
    const other = key.toLowerCase();
    const distance = Math.min(lower.length, other.length) >= 3 && (lower.startsWith(other) || other.startsWith(lower)) ? 0 : editDistance(lower, other);
    if (!best || distance < best.distance) best = { key, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(given.length / 3)) ? best.key : null;
}

/** One schema error in words: which key (or flag) and what is allowed there. */
export function describeProblem(error: ErrorObject, schema: SchemaNode, flags: FlagNames): string {
  const key = keyOf(error.instancePath);
  const name = flags[key] ?? (key || 'the top level');
  if (error.keyword === 'additionalProperties') {
    const unknown = String((error.params as { additionalProperty: string }).additionalProperty);
    const known = Object.keys(nodeAt(schema, key)?.properties ?? {});
    const full = key ? `${key}.${unknown}` : unknown;
    const suggestion = closestKey(unknown, known);
    return suggestion ? `unknown key "${full}" (did you mean "${key ? `${key}.` : ''}${suggestion}"?)` : `unknown key "${full}" (known here: ${known.join(', ')})`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
    return `${name} ${JSON.stringify(error.data)} is not allowed; allowed: ${allowed}`;
  }
  return `${name} ${error.message ?? 'is not valid'}`;
}
