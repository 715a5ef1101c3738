/*
 * The app shell's service worker (written into the build by client/build/serviceWorker.ts, which
 * fills in VERSION and PRECACHE). What it keeps is the app itself, never anyone's data: the page,
 * the entry scripts and styles, the icons. A participant who loaded the app once opens it again
 * with no network; the app then shows the last state it kept in the tab (sessionStorage) and
 * says it is offline. The API and the live connection always go to the network.
 */
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `workshop-shell-${VERSION}`;
/** Every path the server answers with the app's page (client-side routing) is the shell. */
const SHELL = "/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...PRECACHE]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("workshop-shell-") && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/socket.io/")) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirstShell(request));
    return;
  }
  // Hashed assets never change under their name; the rest (icons, manifest) are small.
  event.respondWith(cacheFirst(request));
});

/** The page from the network when it answers (and kept as the newest shell), else the kept shell. */
async function networkFirstShell(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.headers.get("content-type")?.includes("text/html")) {
      await cache.put(SHELL, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await cache.match(SHELL);
    if (kept) return kept;
    throw error;
  }
}

/** A kept copy first; otherwise the network, keeping what it brings (lazy chunks loaded once work offline too). */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
