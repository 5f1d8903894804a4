// A lazily loaded page that, once its code is loaded (preloaded at start-up, or opened before),
// renders at once. React.lazy suspends on its first render even when the import has already
// finished, which showed the shell's spinner first and the page only after React's throttle for
// revealing a suspended tree (~300 ms).
import { type ComponentType, lazy } from "react";

export type LazyPage = ComponentType & { load: () => Promise<unknown> };

export function lazyPage(importPage: () => Promise<{ default: ComponentType }>): LazyPage {
  let Loaded: ComponentType | undefined;
  let pending: Promise<{ default: ComponentType }> | undefined;
  const load = () => {
    pending ??= importPage().then(
      (m) => {
        Loaded = m.default;
        return m;
      },
      (e) => {
        pending = undefined;
        throw e;
      },
    );
    return pending;
  };
  const Lazy = lazy(load);
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page, at module level (like React.lazy)
  const Page = () => (Loaded ? <Loaded /> : <Lazy />);
  return Object.assign(Page, { load });
}
