import { signal } from "@preact/signals";

export type Route =
  | { name: "create" }
  | { name: "join"; code: string }
  | { name: "workshop" }
  | { name: "exit" }
  | { name: "notFound" };

export const currentPath = signal(location.pathname);

export function parseRoute(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, "") : path;
  if (clean === "/") return { name: "create" };
  if (clean === "/join") return { name: "join", code: "" };
  const join = /^\/join\/([^/]+)$/.exec(clean);
  if (join?.[1]) return { name: "join", code: safeDecode(join[1]) };
  if (clean === "/w") return { name: "workshop" };
  if (clean === "/exit") return { name: "exit" };
  return { name: "notFound" };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}

/**
 * Same-document navigation. `replace` is used for every step into the workshop view so that
 * Back never walks through pages that showed workshop details (create page with the key, join form).
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname) return;
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  currentPath.value = path;
}

export function listenToHistory(): void {
  addEventListener("popstate", () => {
    currentPath.value = location.pathname;
  });
}

/** For <a href> clicks: a plain left click navigates in place; modified clicks keep browser behaviour. */
export function onLinkClick(event: MouseEvent): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return;
  }
  const anchor = event.currentTarget;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.origin !== location.origin) return;
  event.preventDefault();
  navigate(anchor.pathname);
}
