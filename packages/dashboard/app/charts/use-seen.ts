import { type RefObject, useEffect, useRef, useState } from "react";

/**
 * Whether an element has come near the window yet (and stays true once it has): charts below the fold
 * fetch their series only when scrolled to, so the charts in view get the server first.
 */
export function useSeen<T extends Element>(margin = "200px"): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (seen || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen, margin]);
  return [ref, seen];
}
