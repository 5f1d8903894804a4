// A server-sent event stream (the notification centre, the patrol map's live feed, the big screen),
// one shape for all of them: the headers and an `: open` comment at once (an EventSource hears that
// the feed is open; before, headers waited for the first write), a ping every 25 s through proxies,
// everything a stream subscribed to released when the client goes.
//
// A stream opened in a session lives only as long as that session: a change of scope gives the
// session a new id (fixation rule), signing out or a security administrator ending it deletes it —
// and a stream still open on the old id would go on sending events of the old scope. Every
// `sessionCheckMs` the stream looks its session up; when it is gone, the stream says so
// (`event: session`) and ends, and the browser's EventSource reconnects with the cookie it has now
// (the new scope) or, signed out, is refused. Works across processes (the session table is shared).
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../db/types.js";

export const PING_MS = 25_000;
/** How often a stream looks its session up (tests shorten it, and put it back). */
export const streamTiming = { sessionCheckMs: PING_MS };

export type EventStream = {
  /** Sends one event (`data` as JSON). Nothing is sent once the stream has ended. */
  send: (event: string, data: unknown) => void;
  /** Runs `fn` when the stream ends (the client went, or the stream was ended). */
  onClose: (fn: () => void) => void;
  /** Ends the stream from the server's side. */
  end: () => void;
};

export function openEventStream(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { db: Kysely<DB>; sessionId?: string | null; pingMs?: number; sessionCheckMs?: number },
): EventStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.write(": open\n\n");
  const closers: Array<() => void> = [];
  let ended = false;
  const close = () => {
    if (ended) return;
    ended = true;
    clearInterval(ping);
    if (check) clearInterval(check);
    for (const fn of closers.splice(0)) {
      try {
        fn();
      } catch (e) {
        req.log.warn(e, "event stream: a close handler threw");
      }
    }
  };
  const end = () => {
    if (!res.writableEnded) res.end();
    close();
  };
  const ping = setInterval(() => {
    if (!ended) res.write(": ping\n\n");
  }, opts.pingMs ?? PING_MS);
  const sid = opts.sessionId ?? null;
  const check = sid
    ? setInterval(async () => {
        try {
          const alive = await opts.db.selectFrom("sessions").select("id").where("id", "=", sid).executeTakeFirst();
          if (alive || ended) return;
          res.write(`event: session\ndata: ${JSON.stringify({ ended: true })}\n\n`);
          end();
        } catch (e) {
          // The database busy or closing: look again at the next turn.
          req.log.debug(e, "event stream: session check failed");
        }
      }, opts.sessionCheckMs ?? streamTiming.sessionCheckMs)
    : null;
  req.raw.on("close", close);
  res.on("close", close);
  return {
    send: (event, data) => {
      if (!ended) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose: (fn) => {
      if (ended) fn();
      else closers.push(fn);
    },
    end,
  };
}
