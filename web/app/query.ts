import { MutationCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/client";
import { notify } from "./notify";

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: Error;
    /** silent: the caller shows the error itself (inline), no toast. A mutation with its own
     * onError is silent too: one failure, one message. */
    mutationMeta: { silent?: boolean };
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not fix itself by retrying; a network blip might.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
  mutationCache: new MutationCache({
    onError: (err, _v, _c, mutation) => {
      // One failure, one message: a mutation that handles its error (meta.silent, or an onError of
      // its own) is left to it; the toast is for the mutations that say nothing themselves.
      if (mutation.meta?.silent || mutation.options.onError) return;
      if (err instanceof ApiError && err.status === 401) return; // the auth layer sends the user to /login
      notify.error(err.message);
    },
  }),
});
