import { useEffect, useState } from "react";

/**
 * False until the screen has been painted once after `ready` turned true: a part of a page below
 * its first screen (a long table) renders in the task after the first screen is on screen instead
 * of holding it back.
 */
export function useAfterPaint(ready = true): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!ready || done) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame is painted after requestAnimationFrame's callbacks; the timer runs after that paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDone(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, done]);
  return done;
}
