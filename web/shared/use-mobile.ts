import { useSyncExternalStore } from "react";

const QUERY = "(max-width: 767.98px)";

function subscribe(cb: () => void) {
  const mq = window.matchMedia(QUERY);
  mq.addEventListener("change", cb);
  return () => mq.removeEventListener("change", cb);
}

/** Phone-sized viewport (below antd's md breakpoint), known on the first render, so no flash of the desktop layout. */
export function useIsMobile(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
