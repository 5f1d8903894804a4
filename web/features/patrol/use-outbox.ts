import { useCallback, useEffect, useState } from "react";
import { useAuth } from "../../app/auth";
import { flushOutbox, outbox, type QueuedCheckin } from "./offline-queue";

/** Outbox state, shared by the check-in page and the officer's rounds page. */
export function useOutbox() {
  const { me } = useAuth();
  const [items, setItems] = useState<QueuedCheckin[]>([]);
  const [online, setOnline] = useState(typeof navigator === "undefined" ? true : navigator.onLine);
  const refresh = useCallback(async () => setItems(await outbox.all().catch(() => [])), []);
  const flush = useCallback(async () => {
    if (!me) return;
    await flushOutbox();
    await refresh();
  }, [me, refresh]);
  useEffect(() => {
    refresh();
    const on = () => {
      setOnline(true);
      flush();
    };
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    const timer = setInterval(() => {
      if (navigator.onLine) flush();
    }, 15_000);
    flush();
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
      clearInterval(timer);
    };
  }, [flush, refresh]);
  return { items, online, flush, refresh };
}
