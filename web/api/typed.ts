// The typed client: a call by operationId (the server's own names, as in /api/docs), its path,
// query, body and answer typed from web/api/operations.gen.ts, which is generated from the server's
// routes and the contracts' zod schemas (`npm run gen:api`). Goes through client.ts's request, so the
// session, CSRF header, language and errors are the same as every other call.
import { qs, request } from "./client";
import { OPERATIONS, type Operations } from "./operations.gen";

export type OperationId = keyof Operations;
type Op<K extends OperationId> = Operations[K];
/** The operations that answer an import report (POST <register>/import). */
export type ImportOperationId = { [K in OperationId]: Op<K>["response"] extends { created: number; unchanged: number } ? K : never }[OperationId];

type Args<K extends OperationId> = ([Op<K>["params"]] extends [never] ? { params?: undefined } : { params: Op<K>["params"] }) & {
  query?: Op<K>["query"];
} & ([Op<K>["body"]] extends [never] ? { body?: undefined } : { body: Op<K>["body"] });

/** The operation's path with its parameters filled in (`/api/hazards/:id` → `/api/hazards/h1`). */
export function pathOf<K extends OperationId>(op: K, params?: Op<K>["params"]): string {
  const p = (params ?? {}) as Record<string, string>;
  return OPERATIONS[op].path.replace(/:([A-Za-z0-9_]+)/g, (_m, k: string) => {
    if (p[k] === undefined) throw new Error(`${String(op)}: missing path parameter ${k}`);
    return encodeURIComponent(p[k]);
  });
}

/** Calls an operation by its operationId. */
export function call<K extends OperationId>(op: K, ...[args]: Record<never, never> extends Args<K> ? [Args<K>?] : [Args<K>]): Promise<Op<K>["response"]> {
  const a = (args ?? {}) as { params?: Op<K>["params"]; query?: Record<string, string | number | boolean | null | undefined>; body?: unknown };
  const { method } = OPERATIONS[op];
  return request<Op<K>["response"]>(method, pathOf(op, a.params) + qs(a.query), method === "GET" ? undefined : (a.body ?? {}));
}

/** Posts a file (multipart field `file`) to an operation, e.g. a register's import. */
export function uploadTo<K extends OperationId>(op: K, file: Blob, query?: Op<K>["query"], params?: Op<K>["params"]): Promise<Op<K>["response"]> {
  const fd = new FormData();
  fd.append("file", file);
  return request<Op<K>["response"]>(OPERATIONS[op].method, pathOf(op, params) + qs(query as Record<string, string | undefined>), fd);
}
