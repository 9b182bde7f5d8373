import type { FastifyInstance } from 'fastify';
import type { BoxEvent } from '../../events/box-events.js';

export interface EventsApi {
  /** Listens to every event of the box; returns the unsubscribe. */
  onAny(listener: (event: BoxEvent) => void): () => void;
}

/** A comment line now and then keeps proxies and the browser from taking a quiet stream for a dead one. */
const KEEP_ALIVE_MS = 25_000;
/** A client that reads slower than the box tells is cut off past this much unread, not buffered for. */
const MAX_UNREAD_BYTES = 256 * 1024;

/** One event in the server-sent events format: its type, and its data as one line of JSON. */
export function sseFrame(event: BoxEvent): string {
  const { type, ...data } = event;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * GET /api/v1/events: the box's events as they happen, as server-sent events (text/event-stream),
 * for the panel's live view and any program. Token holders only, like the rest of the API (the
 * panel reads the stream with fetch, so the token travels in its header, never in a URL).
 */
export function eventRoutes(app: FastifyInstance, api: EventsApi): void {
  const open = new Set<() => void>();
  // A stream never ends by itself: the relay's close ends them, so it does not wait on them.
  app.addHook('preClose', (done) => {
    for (const end of [...open]) end();
    done();
  });
  app.get('/api/v1/events', (request, reply) => {
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    const send = (text: string) => {
      if (out.writableLength > MAX_UNREAD_BYTES) end();
      else out.write(text);
    };
    const unsubscribe = api.onAny((event) => send(sseFrame(event)));
    const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
    keepAlive.unref();
    const end = () => {
      if (!open.delete(end)) return;
      clearInterval(keepAlive);
      unsubscribe();
      out.end();
    };
    open.add(end);
    send(': gsmkeeper events\n\n');
    request.raw.on('close', end);
    out.on('close', end);
  });
}
