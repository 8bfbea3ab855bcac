// SafeGrid's service worker (scope /): keeps the app shell and the pages a grid worker has
// opened on the phone, so that my tasks, checklists and the hazard form still open where there
// is no signal. Submissions are not its business: POSTs pass through untouched, and
// Public/js/offline.js keeps what could not be sent in IndexedDB (docs/offline.md).
'use strict';

// Bump on every change to this file or to the list below: a new worker then installs a fresh
// shell and deletes the old one. Changes to the shell files themselves reach phones without a
// bump (they are revalidated in the background), one page load late.
const VERSION = '2026-12-01.4';
const SHELL_CACHE = 'safegrid-shell-' + VERSION;
// Not versioned with the shell: the pages a worker saved for the next days must survive an
// app update. The suffix changes only if the stored format does.
const PAGES_CACHE = 'safegrid-pages-1';
const SHELL = [
  '/css/safegrid.css',
  '/js/safegrid.js',
  '/js/offline.js',
  '/favicon.svg',
  '/manifest.json',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
  '/offline.html'
];
// Longer than a good mobile round trip, short enough that a dead link (signal bars but no data)
// falls back to the saved copy before the worker gives up on the phone.
const NETWORK_TIMEOUT_MS = 4000;
const MAX_PAGES = 200;
const MAX_PREFETCH = 60;
const PREFETCH_PARALLEL = 3;
// Marks a page served from the pages cache; offline.js then gives its forms fresh
// idempotency keys, since the saved copy's keys may already have been used.
const COPY_MARK = 'sg-offline-copy';

// Bumped by a clear: a prefetch still running for the previous user must not store pages
// after the sign-out deleted them.
let generation = 0;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    // 'reload' so the shell is the server's current one, not a copy from the HTTP cache.
    await cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith('safegrid-') && name !== SHELL_CACHE && name !== PAGES_CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

/** Pages that must never be stored: sign-in and -out, the API, the session's token, the language switch. */
function neverStored(url) {
  const p = url.pathname;
  return p === '/login' || p === '/logout' || p.startsWith('/api/') || p.startsWith('/session/') ||
    p.startsWith('/lang/') || p === '/offline.html' || p === '/sw.js';
}

function isShellAsset(url) {
  return SHELL.includes(url.pathname) || /^\/(css|js|icons)\//.test(url.pathname);
}

function pageKey(url) {
  return url.origin + url.pathname + url.search;
}

function storable(url, response) {
  if (!response || response.status !== 200 || response.type !== 'basic' || response.redirected) return false;
  if (url.origin !== self.location.origin || neverStored(url)) return false;
  return (response.headers.get('content-type') || '').startsWith('text/html');
}

async function storePage(url, response, gen) {
  const cache = await caches.open(PAGES_CACHE);
  if (gen !== generation) return false;
  try {
    // Delete first so a refreshed page moves to the end of the key order, which is how the
    // oldest are found below.
    await cache.delete(pageKey(url));
    await cache.put(pageKey(url), response);
  } catch (error) {
    return false; // quota, or a response the cache refuses: the page is simply not kept
  }
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - MAX_PAGES; i++) await cache.delete(keys[i]);
  return true;
}

async function savedCopy(url) {
  const cache = await caches.open(PAGES_CACHE);
  const hit = await cache.match(pageKey(url), { ignoreVary: true });
  if (!hit) return null;
  const html = await hit.text();
  const stamp = (hit.headers.get('date') || '').replace(/[^\w ,:+-]/g, '');
  const marked = html.replace(/<head([^>]*)>/i, '<head$1><meta name="' + COPY_MARK + '" content="' + stamp + '">');
  const headers = new Headers(hit.headers);
  headers.delete('content-length');
  return new Response(marked, { status: 200, statusText: 'OK', headers });
}

function offlinePage() {
  return caches.match('/offline.html', { cacheName: SHELL_CACHE })
    .then((page) => page || new Response('offline', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
}

/** Network first: a page shows the server's current state whenever the server can be reached. */
function navigation(event, url) {
  const gen = generation;
  const network = fetch(event.request);
  // Cloned here, before the page can start reading the body handed to it below.
  const kept = network
    .then((response) => (storable(url, response) ? storePage(url, response.clone(), gen) : false))
    .catch(() => false);
  event.waitUntil(kept);
  event.respondWith((async () => {
    let timer;
    let failed = false;
    const late = new Promise((resolve) => { timer = setTimeout(resolve, NETWORK_TIMEOUT_MS, null); });
    try {
      const first = await Promise.race([network, late]);
      // A gateway or server error is worth less than yesterday's copy of the page.
      if (first && (first.status < 500 || neverStored(url))) return first;
      if (first) failed = true;
    } catch (error) {
      failed = true;
    } finally {
      clearTimeout(timer);
    }
    if (!neverStored(url)) {
      const copy = await savedCopy(url);
      if (copy) return copy;
    }
    // Only slow, with no copy to show: keep waiting for the server rather than give up.
    if (!failed) {
      try { return await network; } catch (error) { /* fall through to the offline page */ }
    } else {
      const answer = await network.catch(() => null);
      if (answer) return answer; // a 5xx page still says more than the offline page
    }
    return offlinePage();
  })());
}

/** Cache first for the shell, refreshed in the background so an edited script still arrives. */
function asset(event) {
  const request = event.request;
  const cached = caches.open(SHELL_CACHE).then((cache) => cache.match(request));
  const fresh = fetch(request).then(async (response) => {
    if (response.ok && response.type === 'basic') {
      const cache = await caches.open(SHELL_CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  });
  event.waitUntil(fresh.catch(() => null));
  event.respondWith(cached.then((hit) => hit || fresh));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // POSTs are never cached nor answered from here: a stored copy of a submission's answer
  // would pretend the work was done.
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    navigation(event, url);
  } else if (isShellAsset(url)) {
    asset(event);
  }
  // Everything else (the API, photos, exports) goes to the network as if there were no worker.
});

async function prefetch(urls) {
  const gen = generation;
  const wanted = [];
  for (const raw of urls) {
    let url;
    try { url = new URL(raw, self.location.origin); } catch (error) { continue; }
    if (url.origin !== self.location.origin || neverStored(url)) continue;
    if (!wanted.some((u) => pageKey(u) === pageKey(url))) wanted.push(url);
    if (wanted.length >= MAX_PREFETCH) break;
  }
  let stored = 0;
  let next = 0;
  async function worker() {
    while (next < wanted.length) {
      const url = wanted[next++];
      try {
        const response = await fetch(url.href, { credentials: 'same-origin', cache: 'no-store' });
        // A signed-out session is redirected to /login: that answer is not this page.
        if (storable(url, response) && await storePage(url, response, gen)) stored++;
      } catch (error) {
        return; // the network went away: what was stored stays, the rest waits for the next visit
      }
    }
  }
  await Promise.all(Array.from({ length: PREFETCH_PARALLEL }, worker));
  return stored;
}

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'clear') {
    generation++;
    event.waitUntil(caches.delete(PAGES_CACHE));
  } else if (data.type === 'prefetch' && Array.isArray(data.urls)) {
    event.waitUntil(prefetch(data.urls).then((stored) => {
      if (event.source) event.source.postMessage({ type: 'prefetched', stored });
    }));
  }
});
