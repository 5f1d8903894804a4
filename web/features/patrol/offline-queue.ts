// The phone's outbox of check-ins: every check-in is written here first (with its client-made id),
// then sent; what could not be sent waits in IndexedDB and goes out when the network returns. The
// server stores a check-in once per client id, so a resend after a lost answer is harmless.
import { api } from "../../api/client";

export type QueuedCheckin = {
  clientId: string;
  pointId: string;
  pointName: string;
  method: "qr" | "gps";
  token: string | null;
  deviceTime: string;
  lat: number;
  lng: number;
  accuracyM: number | null;
  result: "normal" | "abnormal";
  note: string | null;
  checklist: Record<string, boolean>;
  /** Photos already uploaded (file ids) and those taken offline, waiting for upload. */
  photos: string[];
  photoBlobs: Array<{ name: string; type: string; blob: Blob }>;
  status: "waiting" | "rejected";
  reason?: string;
  queuedAt: string;
};

const DB = "shequ-patrol";
const STORE = "outbox";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "clientId" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const r = fn(t.objectStore(STORE));
    t.oncomplete = () => {
      db.close();
      resolve(r.result);
    };
    t.onerror = () => reject(t.error);
  });
}

export const outbox = {
  put: (c: QueuedCheckin) => tx("readwrite", (s) => s.put(c)),
  remove: (clientId: string) => tx("readwrite", (s) => s.delete(clientId)),
  all: () => tx<QueuedCheckin[]>("readonly", (s) => s.getAll() as IDBRequest<QueuedCheckin[]>),
};

export const newClientId = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
        const r = (Math.random() * 16) | 0;
        return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
      });

type SyncAnswer = { results: Array<{ clientId: string | null; status: "accepted" | "duplicate" | "rejected"; reason: string | null; flags: string[] }> };

let flushing: Promise<{ sent: number; waiting: number; rejected: number }> | null = null;

/**
 * Sends everything waiting, in one batch. A network failure leaves the queue as it is; a check-in
 * the server refuses (retired point …) stays in the outbox marked with the reason, never silently lost.
 */
export function flushOutbox() {
  if (flushing) return flushing;
  flushing = (async () => {
    const all = (await outbox.all()).filter((c) => c.status === "waiting");
    let sent = 0;
    let rejected = 0;
    if (all.length && navigator.onLine !== false) {
      try {
        for (const c of all) {
          // Photos taken offline are uploaded first; their ids replace the blobs.
          while (c.photoBlobs.length) {
            const p = c.photoBlobs[0];
            const file = await api.upload<{ id: string }>("/api/files", new File([p.blob], p.name, { type: p.type }));
            c.photos.push(file.id);
            c.photoBlobs.shift();
            await outbox.put(c);
          }
        }
        const body = {
          sentAt: new Date().toISOString(),
          checkins: all.map(({ photoBlobs: _b, status: _s, reason: _r, queuedAt: _q, pointName: _n, ...c }) => c),
        };
        const answer = await api.post<SyncAnswer>("/api/patrol/sync", body);
        for (const [i, r] of answer.results.entries()) {
          const c = all[i];
          if (r.status === "rejected") {
            rejected++;
            await outbox.put({ ...c, status: "rejected", reason: r.reason ?? "" });
          } else {
            sent++;
            await outbox.remove(c.clientId);
          }
        }
      } catch {
        // offline or the server unreachable: everything stays queued
      }
    }
    const left = await outbox.all();
    return { sent, rejected, waiting: left.filter((c) => c.status === "waiting").length };
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}
