// SafeGrid on a phone without signal (docs/offline.md): registers the service worker
// (Public/sw.js), keeps a draft of every form as it is filled in, shrinks photos before they are
// sent, sends forms itself so an upload shows its progress, and keeps what could not be sent in
// a queue in IndexedDB that is sent, in order and each exactly once (Idempotency-Key), when the
// network returns. Every page works without it: anything unexpected falls back to the plain
// form submission. All words come from the page (#sg-offline-texts), in the page's language.
(function () {
  'use strict';

  const DB_NAME = 'safegrid-offline';
  const DB_VERSION = 1;
  const TEXT_SAVE_DELAY_MS = 300;
  const SYNC_EVERY_MS = 30000;
  const MAX_EDGE = 1600;
  const JPEG_QUALITY = 0.85;
  // Lists and timelines show this instead of the photo (a few KB against a few hundred).
  const THUMB_EDGE = 320;
  const THUMB_QUALITY = 0.7;
  const PREFETCH_MAX = 60;
  const REASON_MAX = 300;
  // An upload that makes no progress for this long is treated as a lost connection; the queue
  // then sends it again under the same key, so a request that did arrive is not done twice.
  const STALL_MS = 45000;
  const ANSWER_WAIT_MS = 120000;
  const SYNCED_SHOWN_MS = 5000;
  const LOGOUT_CLEAR_WAIT_MS = 1500;
  const PAGES_CACHE_PREFIX = 'safegrid-pages';
  // How often a 409 for an item whose earlier send may have arrived is taken for "still being
  // worked on" (retried later) rather than a refusal.
  const BUSY_RETRIES = 5;

  // The page may be replaced by a refused form's answer (document.write below), which runs this
  // script again in the same window: stop the timers and listeners of the previous run.
  if (window.sgOffline && typeof window.sgOffline.teardown === 'function') {
    try { window.sgOffline.teardown(); } catch (error) { /* the old run is gone either way */ }
  }

  const listeners = [];
  const timers = [];
  function on(target, type, handler, options) {
    target.addEventListener(type, handler, options);
    listeners.push([target, type, handler, options]);
  }

  const textBox = document.getElementById('sg-offline-texts');
  const texts = textBox ? textBox.dataset : {};
  function text(key) {
    const args = Array.prototype.slice.call(arguments, 1);
    return String(texts[key] || '').replace(/\{(\d)\}/g, (match, i) => (args[i] == null ? '' : String(args[i]))).trim();
  }

  const formProto = HTMLFormElement.prototype;
  const pathOf = (href) => new URL(href, location.href).pathname;
  const signedIn = () => !!document.querySelector('form[action="/logout"]');
  // Who filled in a queued form: it is sent only while the same account is signed in, so that
  // another user signing in on this phone does not submit it under their name.
  function currentOwner() {
    if (texts.user) return texts.user;
    const who = document.querySelector('.account .who');
    return who ? who.textContent.trim() : '';
  }

  function newKey() {
    if (window.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    // crypto.randomUUID exists on secure origins only; plain HTTP still gets drafts and the queue.
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // ---------------------------------------------------------------- IndexedDB

  let dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        if (!window.indexedDB) { reject(new Error('no IndexedDB')); return; }
        const open = indexedDB.open(DB_NAME, DB_VERSION);
        open.onupgradeneeded = () => {
          const d = open.result;
          if (!d.objectStoreNames.contains('queue')) d.createObjectStore('queue', { keyPath: 'id', autoIncrement: true });
          if (!d.objectStoreNames.contains('drafts')) d.createObjectStore('drafts', { keyPath: 'key' });
          // A draft's photos apart from its text, so typing does not write the photos again each time.
          if (!d.objectStoreNames.contains('draftFiles')) d.createObjectStore('draftFiles', { keyPath: 'id' });
        };
        open.onsuccess = () => {
          const d = open.result;
          d.onversionchange = () => d.close();
          resolve(d);
        };
        open.onerror = () => reject(open.error);
      });
      dbPromise.catch(() => { dbPromise = null; });
    }
    return dbPromise;
  }

  /** Runs `work(stores)` in one transaction; resolves with what work returned once it commits. */
  function transact(names, mode, work) {
    return db().then((d) => new Promise((resolve, reject) => {
      const tx = d.transaction(names, mode);
      const stores = {};
      names.forEach((n) => { stores[n] = tx.objectStore(n); });
      let result;
      const request = work(stores);
      if (request && 'onsuccess' in request) request.onsuccess = () => { result = request.result; };
      else result = request;
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error('aborted'));
    }));
  }

  const queueAll = () => transact(['queue'], 'readonly', (s) => s.queue.getAll())
    .then((items) => (items || []).sort((a, b) => a.id - b.id));
  const queueGet = (id) => transact(['queue'], 'readonly', (s) => s.queue.get(id));
  const queueAdd = (item) => transact(['queue'], 'readwrite', (s) => s.queue.add(item));
  const queuePut = (item) => transact(['queue'], 'readwrite', (s) => s.queue.put(item));
  const queueDelete = (id) => transact(['queue'], 'readwrite', (s) => s.queue.delete(id));

  const fileRange = (key) => IDBKeyRange.bound(key + '\u0000', key + '\u0000\uffff');
  const draftGet = (key) => transact(['drafts', 'draftFiles'], 'readonly', (s) => {
    const found = { draft: null, files: [] };
    s.drafts.get(key).onsuccess = (e) => { found.draft = e.target.result || null; };
    s.draftFiles.getAll(fileRange(key)).onsuccess = (e) => { found.files = e.target.result || []; };
    return found;
  });
  const draftDelete = (key) => transact(['drafts', 'draftFiles'], 'readwrite', (s) => {
    s.drafts.delete(key);
    s.draftFiles.delete(fileRange(key));
  });
  const draftsClear = () => transact(['drafts', 'draftFiles'], 'readwrite', (s) => {
    s.drafts.clear();
    s.draftFiles.clear();
  });

  // ---------------------------------------------------------------- forms

  function formAction(form) {
    return new URL(form.getAttribute('action') || location.href, location.href);
  }

  /** The POST forms this script looks after: those the server gave an idempotency key. */
  function handled(form) {
    if ((form.getAttribute('method') || '').toLowerCase() !== 'post') return false;
    if (!form.querySelector('input[name="_idem"]')) return false;
    const path = formAction(form).pathname;
    if (path === '/logout' || path === '/login' || path.startsWith('/lang/')) return false;
    // A password is never kept on the phone, not even for a moment.
    return !form.querySelector('input[type="password"]');
  }

  function controls(form) {
    return Array.from(form.querySelectorAll('input, select, textarea'))
      .filter((el) => el.name && !el.disabled && el.form === form);
  }

  /** The user's own fields: not the hidden state the server put there, not buttons. */
  function editable(el) {
    const type = (el.type || '').toLowerCase();
    return !['hidden', 'submit', 'button', 'reset', 'image', 'password'].includes(type);
  }

  function draftKey(form) {
    const index = Array.prototype.indexOf.call(document.forms, form);
    const action = formAction(form);
    // The query is part of the page: /inspections/new?placeId=4 and ?placeId=6 are different forms.
    return location.pathname + location.search + '|' + action.pathname + action.search + '|' + index;
  }

  /** A list shows the option marked selected, else (single choice) its first enabled option. */
  function selectPristine(el) {
    const options = Array.from(el.options);
    if (el.multiple) return options.every((o) => o.selected === o.defaultSelected);
    let expected = -1;
    options.forEach((o, i) => { if (o.defaultSelected) expected = i; });
    if (expected < 0) expected = options.findIndex((o) => !o.disabled);
    return el.selectedIndex === expected;
  }

  /** True while every field still holds what the server rendered. */
  function pristine(form) {
    return controls(form).filter(editable).every((el) => {
      const type = (el.type || '').toLowerCase();
      if (type === 'radio' || type === 'checkbox') return el.checked === el.defaultChecked;
      if (type === 'file') return !el.files || el.files.length === 0;
      if (el.tagName === 'SELECT') return selectPristine(el);
      return el.value === el.defaultValue;
    });
  }

  /** The fields by name and position among fields of that name, as drafts refer to them. */
  function positions(form) {
    const seen = {};
    return controls(form).filter(editable).map((el) => {
      seen[el.name] = (seen[el.name] || 0) + 1;
      return { el, name: el.name, at: seen[el.name] - 1 };
    });
  }

  function snapshot(form) {
    return positions(form).filter((p) => (p.el.type || '').toLowerCase() !== 'file').map((p) => {
      const el = p.el;
      const type = (el.type || '').toLowerCase();
      if (type === 'radio' || type === 'checkbox') return { name: p.name, at: p.at, value: el.value, checked: el.checked };
      if (el.tagName === 'SELECT') return { name: p.name, at: p.at, selected: Array.from(el.selectedOptions).map((o) => o.value) };
      return { name: p.name, at: p.at, value: el.value };
    });
  }

  const saveTimers = new Map();

  function saveDraft(form) {
    const key = draftKey(form);
    clearTimeout(saveTimers.get(form));
    saveTimers.delete(form);
    if (pristine(form)) return draftDelete(key).catch(() => {});
    const fields = snapshot(form);
    return transact(['drafts'], 'readwrite', (s) => s.drafts.put({ key, page: location.pathname + location.search, savedAt: Date.now(), fields }))
      .catch(() => { /* a full or missing store only loses the draft */ });
  }

  function saveDraftFiles(form, input) {
    const key = draftKey(form);
    const p = positions(form).find((x) => x.el === input);
    if (!p) return Promise.resolve();
    const id = key + '\u0000' + p.name + '\u0000' + p.at;
    const files = Array.from(input.files || []);
    return transact(['draftFiles'], 'readwrite', (s) => (files.length
      ? s.draftFiles.put({ id, name: p.name, at: p.at, files })
      : s.draftFiles.delete(id))).catch(() => {});
  }

  function watchDraft(form) {
    on(form, 'input', (event) => {
      const el = event.target;
      const type = (el.type || '').toLowerCase();
      if (['radio', 'checkbox', 'file'].includes(type) || el.tagName === 'SELECT') return; // 'change' saves these
      clearTimeout(saveTimers.get(form));
      saveTimers.set(form, setTimeout(() => saveDraft(form), TEXT_SAVE_DELAY_MS));
    });
    on(form, 'change', (event) => {
      const el = event.target;
      if ((el.type || '').toLowerCase() === 'file') saveDraftFiles(form, el).then(() => saveDraft(form));
      else saveDraft(form);
    });
  }

  async function restoreDraft(form) {
    if (!pristine(form)) return; // the browser (or the server's answer) already filled it in
    const found = await draftGet(draftKey(form));
    if (!found.draft && !found.files.length) return;
    if (!pristine(form)) return; // typed into while the draft was being read
    const where = new Map(positions(form).map((p) => [p.name + '\u0000' + p.at, p.el]));
    let changed = false;
    ((found.draft && found.draft.fields) || []).forEach((f) => {
      const el = where.get(f.name + '\u0000' + f.at);
      if (!el) return;
      if ('checked' in f) {
        if (el.value === f.value && el.checked !== f.checked) { el.checked = f.checked; changed = true; }
      } else if ('selected' in f) {
        Array.from(el.options).forEach((o) => {
          const want = f.selected.includes(o.value);
          if (o.selected !== want) { o.selected = want; changed = true; }
        });
      } else if (typeof f.value === 'string' && el.value !== f.value) {
        el.value = f.value;
        changed = true;
      }
    });
    if (window.DataTransfer) {
      found.files.forEach((f) => {
        const el = where.get(f.name + '\u0000' + f.at);
        if (!el || !f.files.length) return;
        try {
          const dt = new DataTransfer();
          f.files.forEach((file) => dt.items.add(file instanceof File ? file : new File([file], 'photo.jpg', { type: file.type })));
          el.files = dt.files;
          changed = true;
        } catch (error) { /* a browser that cannot set files keeps the text of the draft */ }
      });
    }
    if (changed) note(form, 'sg-draft-note', text('draftRestored'));
  }

  /** A short message just above a form (one of each kind). */
  function note(form, kind, message, extra) {
    let box = form.parentNode.querySelector(':scope > .' + kind);
    if (!box) {
      box = document.createElement('div');
      box.className = 'notice sg-note ' + kind;
      box.setAttribute('role', 'status');
      form.parentNode.insertBefore(box, form);
    }
    box.textContent = message;
    if (extra) box.appendChild(extra);
    return box;
  }

  // ---------------------------------------------------------------- photos

  function loadImage(file) {
    return new Promise((resolve, reject) => {
      const img = new Image();
      const url = URL.createObjectURL(file);
      img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('not an image')); };
      img.src = url;
    });
  }

  /** A phone camera's photo shrunk to MAX_EDGE on its longest edge, upright; anything else as it is. */
  async function shrink(file) {
    if (!(file instanceof Blob) || !/^image\/(jpeg|png|webp|heic|heif|bmp)$/i.test(file.type) || file.size === 0) return file;
    let source;
    let close = () => {};
    try {
      // The camera's EXIF orientation is applied here; the canvas's JPEG then carries none.
      source = await createImageBitmap(file, { imageOrientation: 'from-image' });
      close = () => source.close();
    } catch (error) {
      try { source = await loadImage(file); } catch (error2) { return file; } // <img> honours EXIF too
    }
    try {
      const w = source.width || source.naturalWidth;
      const h = source.height || source.naturalHeight;
      if (!w || !h || Math.max(w, h) <= MAX_EDGE) return file;
      const scale = MAX_EDGE / Math.max(w, h);
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
      if (!blob || blob.size >= file.size) return file;
      const name = (file.name || 'photo').replace(/\.[^.]*$/, '') + '.jpg';
      return new File([blob], name, { type: 'image/jpeg', lastModified: file.lastModified || Date.now() });
    } finally {
      close();
    }
  }

  /**
   * A small JPEG of a photo as [SHA-256 of the photo, Blob]: sent beside it as `_thumbs[]`,
   * named by that hash so the server finds its photo in whichever field it came. Null where
   * the browser cannot (no crypto.subtle over plain HTTP): the server then shows a link.
   */
  async function thumbnailOf(file) {
    if (!(file instanceof Blob) || file.size === 0 || !/^image\//i.test(file.type) || !window.crypto || !crypto.subtle) return null;
    let source = null;
    try {
      const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
      const hash = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
      source = await createImageBitmap(file, { imageOrientation: 'from-image' });
      const scale = Math.min(1, THUMB_EDGE / Math.max(source.width, source.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(source.width * scale));
      canvas.height = Math.max(1, Math.round(source.height * scale));
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', THUMB_QUALITY));
      return blob ? [hash, blob] : null;
    } catch (error) {
      return null;
    } finally {
      if (source && source.close) source.close();
    }
  }

  /**
   * When and where a camera JPEG was taken, from its EXIF, read before shrinking drops it:
   * {takenAt: 'YYYY:MM:DD HH:MM:SS', offset, latitude, longitude} (the server checks them), or null.
   */
  async function exifOf(file) {
    if (!(file instanceof Blob) || !/^image\/jpe?g$/i.test(file.type)) return null;
    try {
      const view = new DataView(await file.slice(0, 262144).arrayBuffer());
      if (view.byteLength < 4 || view.getUint16(0) !== 0xFFD8) return null;
      let p = 2;
      while (p + 10 <= view.byteLength) {
        const marker = view.getUint16(p);
        if (marker === 0xFFE1 && view.getUint32(p + 4) === 0x45786966) return readExif(view, p + 10);
        if ((marker & 0xFF00) !== 0xFF00 || marker === 0xFFDA) return null;
        p += 2 + view.getUint16(p + 2);
      }
    } catch (error) { /* a photo without readable EXIF just has none */ }
    return null;
  }

  function readExif(view, tiff) {
    const le = view.getUint16(tiff) === 0x4949;
    const u16 = (o) => view.getUint16(tiff + o, le);
    const u32 = (o) => view.getUint32(tiff + o, le);
    const entries = (o) => {
      const tags = {};
      const n = u16(o);
      for (let i = 0; i < n && i < 500; i++) tags[u16(o + 2 + i * 12)] = o + 2 + i * 12;
      return tags;
    };
    const ascii = (e) => {
      const count = u32(e + 4);
      const at = count > 4 ? u32(e + 8) : e + 8;
      let text = '';
      for (let i = 0; i < count - 1 && i < 64; i++) text += String.fromCharCode(view.getUint8(tiff + at + i));
      return text;
    };
    const degrees = (e) => {
      const at = u32(e + 8);
      const part = (i) => u32(at + i * 8) / (u32(at + i * 8 + 4) || 1);
      return part(0) + part(1) / 60 + part(2) / 3600;
    };
    const root = entries(u32(4));
    const found = {};
    if (root[0x8769]) {
      const exif = entries(u32(root[0x8769] + 8));
      if (exif[0x9003]) found.takenAt = ascii(exif[0x9003]);
      if (exif[0x9011]) found.offset = ascii(exif[0x9011]);
    }
    if (root[0x8825]) {
      const gps = entries(u32(root[0x8825] + 8));
      if (gps[2] && gps[4]) {
        found.latitude = degrees(gps[2]) * (gps[1] && ascii(gps[1]) === 'S' ? -1 : 1);
        found.longitude = degrees(gps[4]) * (gps[3] && ascii(gps[3]) === 'W' ? -1 : 1);
      }
    }
    return found.takenAt || found.latitude !== undefined ? found : null;
  }

  // ---------------------------------------------------------------- sending

  /** The form's fields as [name, value] or [name, Blob, filename], in the form's order. */
  function fieldsOf(form, submitter) {
    const data = new FormData(form);
    const fields = [];
    data.forEach((value, name) => {
      fields.push(value instanceof Blob ? [name, value, value.name || ''] : [name, value]);
    });
    if (submitter && submitter.name) fields.push([submitter.name, submitter.value || '']);
    return fields;
  }

  function multipart(form) {
    return (form.getAttribute('enctype') || '').toLowerCase() === 'multipart/form-data';
  }

  /** The body to send; the CSRF token replaced in place (the server reads it near the start). */
  function bodyOf(fields, isMultipart, token) {
    const list = fields.map((f) => (f[0] === '_csrf' && token ? ['_csrf', token] : f));
    if (isMultipart) {
      const data = new FormData();
      // An empty file input keeps its empty filename, as the browser itself would send it.
      list.forEach((f) => (f[1] instanceof Blob ? data.append(f[0], f[1], typeof f[2] === 'string' ? f[2] : 'file') : data.append(f[0], f[1])));
      return data;
    }
    const params = new URLSearchParams();
    list.forEach((f) => { if (!(f[1] instanceof Blob)) params.append(f[0], f[1]); });
    return params;
  }

  /** The session's current CSRF token; a network failure rejects, anything else gives null. */
  async function freshToken() {
    const response = await fetch('/session/csrf', { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!response.ok) return null;
    const body = await response.json().catch(() => null);
    return body && typeof body.token === 'string' ? body.token : null;
  }

  function reasonOf(html, status) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const found = Array.from(doc.querySelectorAll('main [role=alert], main .alert, main .field-error, main ul.errors li'));
    const parts = [];
    const clean = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : '');
    found.forEach((el) => {
      if (found.some((other) => other !== el && other.contains(el))) return;
      let t = clean(el);
      // A field's error says little without the field: 「必填。」 becomes 「隐患名称：必填。」.
      if (el.classList.contains('field-error')) {
        const box = el.closest('.field, .check-item');
        const label = box && clean(box.querySelector('label, .item-text')).replace(/\s*\*$/, '');
        if (label && label !== t) t = label + (/^zh/i.test(doc.documentElement.lang) ? '：' : ': ') + t;
      }
      if (t && !parts.includes(t)) parts.push(t);
    });
    let reason = parts.join(' ');
    if (!reason) {
      const h1 = doc.querySelector('main h1');
      reason = (h1 ? h1.textContent.replace(/\s+/g, ' ').trim() + ' ' : '') + '(' + status + ')';
    }
    return reason.length > REASON_MAX ? reason.slice(0, REASON_MAX - 1) + '…' : reason;
  }

  function looksLikeLogin(url) {
    try { return pathOf(url) === '/login'; } catch (error) { return false; }
  }

  class NetworkFailure extends Error {}

  /** One send from the page, with upload progress; rejects with NetworkFailure when nothing came back. */
  function sendWithProgress(url, body, key, progress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      let watchdog = null;
      const fail = () => { clearTimeout(watchdog); reject(new NetworkFailure('no answer')); };
      const arm = (ms) => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => { xhr.onabort = fail; xhr.abort(); }, ms);
      };
      xhr.open('POST', url);
      xhr.setRequestHeader('Idempotency-Key', key);
      xhr.upload.onprogress = (event) => {
        arm(STALL_MS);
        if (event.lengthComputable) progress(event.loaded / event.total);
      };
      xhr.upload.onload = () => { progress(1); arm(ANSWER_WAIT_MS); };
      xhr.onload = () => { clearTimeout(watchdog); resolve(xhr); };
      xhr.onerror = fail;
      xhr.ontimeout = fail;
      arm(STALL_MS);
      xhr.sgSentAt = window.performance ? performance.now() : 0;
      xhr.send(body);
    });
  }

  function titleOf(form, submitter) {
    const h1 = document.querySelector('main h1') || document.querySelector('h1');
    const heading = h1 ? h1.textContent.replace(/\s+/g, ' ').trim() : document.title;
    const action = formAction(form);
    const button = submitter ? submitter.textContent.replace(/\s+/g, ' ').trim() : '';
    return (heading + (button && button !== heading ? ' · ' + button : '') + ' (' + action.pathname + ')').slice(0, 200);
  }

  function setBusy(form, busy) {
    form.querySelectorAll('button[type=submit], button:not([type]), input[type=submit]').forEach((b) => {
      if (busy) { b.dataset.sgWasDisabled = b.disabled ? '1' : ''; b.disabled = true; } else if (b.dataset.sgWasDisabled !== '1') b.disabled = false;
    });
  }

  function progressBox(form, submitter) {
    let box = form.querySelector('.sg-progress');
    if (!box) {
      box = document.createElement('div');
      box.className = 'sg-progress';
      box.setAttribute('role', 'status');
      box.setAttribute('aria-live', 'polite');
      const label = document.createElement('span');
      const bar = document.createElement('progress');
      bar.max = 100;
      box.append(label, bar);
      const anchor = submitter && submitter.form === form ? submitter : form.querySelector('button[type=submit], button:not([type])');
      if (anchor && anchor.parentNode !== form) anchor.parentNode.appendChild(box);
      else if (anchor) anchor.after(box);
      else form.appendChild(box);
    }
    return {
      say(message, fraction) {
        box.hidden = false;
        box.firstChild.textContent = message;
        const bar = box.lastChild;
        if (fraction == null) bar.removeAttribute('value'); else bar.value = Math.round(fraction * 100);
      },
      hide() { box.hidden = true; }
    };
  }

  /** The page's form goes to the queue; the page says so and offers the form again, with a new key. */
  /** `mayHaveArrived`: a send was cut off after it left, so the server may be working on it. */
  async function enqueue(form, fields, submitter, mayHaveArrived) {
    const action = formAction(form);
    const key = (fields.find((f) => f[0] === '_idem') || [])[1] || newKey();
    await queueAdd({
      url: action.href,
      method: 'POST',
      multipart: multipart(form),
      fields,
      idem: key,
      title: titleOf(form, submitter),
      page: location.pathname + location.search,
      owner: currentOwner(),
      createdAt: Date.now(),
      status: 'pending',
      reason: '',
      uncertain: !!mayHaveArrived
    });
    await draftDelete(draftKey(form)).catch(() => {});
    // This key now belongs to the queued submission; the same form sent again is new work.
    const idem = form.querySelector('input[name="_idem"]');
    if (idem) idem.value = newKey();
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'button sg-open-form';
    again.textContent = text('openForm');
    const restored = form.parentNode.querySelector(':scope > .sg-draft-note');
    if (restored) restored.remove();
    const shown = note(form, 'sg-saved-note', text('saved') + ' ', again);
    form.hidden = true;
    again.addEventListener('click', () => {
      form.hidden = false;
      shown.remove();
      const first = controls(form).find(editable);
      if (first) first.focus();
    });
    shown.setAttribute('tabindex', '-1');
    shown.focus();
    refreshBadge();
  }

  /** Whether the POST was answered by a redirect (success), even one back to its own URL. */
  async function redirected(xhr, url) {
    if (xhr.responseURL && xhr.responseURL !== url) return true;
    // XMLHttpRequest hides a redirect to the same URL (POST /inspections/7 -> 303 -> GET
    // /inspections/7); its resource timing shows it. Without an entry the answer is shown as it
    // came, which is right for a page answered directly and merely skips a new history entry.
    if (!window.performance || !performance.getEntriesByName) return false;
    for (let i = 0; i < 5; i++) {
      const entries = performance.getEntriesByName(url, 'resource')
        .filter((e) => e.initiatorType === 'xmlhttprequest' && e.startTime >= (xhr.sgSentAt || 0) - 1);
      const last = entries[entries.length - 1];
      if (last && last.responseEnd > 0) return last.redirectEnd > 0;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    return false;
  }

  function showAnswer(xhr, postedTo) {
    const html = xhr.responseText;
    document.open();
    document.write(html);
    document.close();
    if (xhr.responseURL && xhr.responseURL !== location.href) {
      try { history.replaceState(null, '', xhr.responseURL); } catch (error) { /* stays at the form's URL */ }
    } else if (postedTo !== location.href) {
      try { history.replaceState(null, '', postedTo); } catch (error) { /* idem */ }
    }
  }

  function nativeSubmit(form, submitter) {
    form.removeEventListener('submit', onSubmit);
    form.hidden = false;
    setBusy(form, false);
    if (submitter && submitter.name) {
      const carry = document.createElement('input');
      carry.type = 'hidden';
      carry.name = submitter.name;
      carry.value = submitter.value || '';
      form.appendChild(carry);
    }
    formProto.submit.call(form);
  }

  // The pressed button, for browsers without SubmitEvent.submitter (Safari before 15.4).
  const lastSubmitter = new WeakMap();

  async function onSubmit(event) {
    const form = event.currentTarget;
    if (event.defaultPrevented) return;
    event.preventDefault();
    if (form.dataset.sgSending === '1') return; // a double tap: the first one is on its way
    form.dataset.sgSending = '1';
    const submitter = event.submitter || lastSubmitter.get(form) || null;
    setBusy(form, true);
    const status = progressBox(form, submitter);
    let sent = false;
    let leaving = false;
    try {
      let fields = fieldsOf(form, submitter);
      if (fields.some((f) => f[1] instanceof Blob && f[1].size > 0 && /^image\//.test(f[1].type))) {
        status.say(text('resizing'));
        const shrunk = [];
        const thumbs = [];
        for (const f of fields) {
          if (f[1] instanceof Blob) {
            const taken = await exifOf(f[1]);
            const file = await shrink(f[1]);
            shrunk.push([f[0], file, file.name || f[2]]);
            const small = await thumbnailOf(file);
            if (small) thumbs.push(['_thumbs[]', small[1], small[0] + '.jpg']);
            if (small && taken) thumbs.push(['_photo_meta[]', JSON.stringify(Object.assign({ sha: small[0] }, taken))]);
          } else shrunk.push(f);
        }
        // Last in the body: the server reads `_csrf` and `_idem` at its start.
        fields = shrunk.concat(thumbs);
      }
      clearTimeout(saveTimers.get(form));
      const key = (fields.find((f) => f[0] === '_idem') || [])[1] || newKey();
      const action = formAction(form);
      if (!navigator.onLine) {
        status.hide();
        await enqueue(form, fields, submitter);
        return;
      }
      let token = null;
      try { token = await freshToken(); } catch (error) { /* the send below finds out about the network */ }
      status.say(text('uploading', 0), 0);
      let xhr;
      try {
        xhr = await sendWithProgress(action.href, bodyOf(fields, multipart(form), token), key,
          (fraction) => status.say(text('uploading', Math.round(fraction * 100)), fraction));
      } catch (error) {
        if (!(error instanceof NetworkFailure)) throw error;
        status.hide();
        await enqueue(form, fields, submitter, true);
        return;
      }
      sent = true;
      const answeredAt = xhr.responseURL || action.href;
      if (looksLikeLogin(answeredAt)) {
        // The session ended: the work waits in the queue and is sent after signing in again.
        status.hide();
        await enqueue(form, fields, submitter);
        leaving = true;
        location.assign(answeredAt);
        return;
      }
      if (xhr.status >= 500 || xhr.status === 0) {
        status.hide();
        await enqueue(form, fields, submitter);
        return;
      }
      await draftDelete(draftKey(form)).catch(() => {});
      if (await redirected(xhr, action.href)) {
        // Buttons stay disabled until the next page replaces this one.
        leaving = true;
        location.assign(answeredAt);
        return;
      }
      if (/^text\/html/i.test(xhr.getResponseHeader('content-type') || '')) {
        showAnswer(xhr, action.href);
        return;
      }
      // Not a page (nothing the server answers today): let the browser handle it the usual way;
      // the form's own key makes the server answer as it did the first time.
      leaving = true;
      nativeSubmit(form, submitter);
    } catch (error) {
      if (window.console) console.error('offline.js: sending the form failed, submitting it plainly', error);
      if (!sent) { leaving = true; nativeSubmit(form, submitter); }
    } finally {
      delete form.dataset.sgSending;
      if (!leaving) {
        setBusy(form, false);
        status.hide();
      }
    }
  }

  // ---------------------------------------------------------------- the queue

  let syncing = false;
  let syncState = null; // {done, total} while sending

  async function sendQueued(item, token) {
    let response;
    try {
      response = await fetch(item.url, {
        method: 'POST',
        body: bodyOf(item.fields, item.multipart !== false, token),
        credentials: 'same-origin',
        cache: 'no-store',
        redirect: 'follow',
        // Sent in the background: the queue confirms it, not the next page (Flash, server side).
        headers: { 'Idempotency-Key': item.idem, 'X-SafeGrid-Queued': '1' }
      });
    } catch (error) {
      return { outcome: 'later', uncertain: true };
    }
    if (response.status === 401 || (response.redirected && looksLikeLogin(response.url))) return { outcome: 'signin' };
    if (response.type === 'opaqueredirect' || response.status === 0 || response.status === 303 || response.redirected || response.ok) {
      return { outcome: 'sent' };
    }
    // Busy or down now, fine later; so is a key still being worked on: a 409 that says when to
    // come back, or one for an item whose earlier send was cut off after it left (a few times).
    if (response.status >= 500 || response.status === 408 || response.status === 429) return { outcome: 'later' };
    if (response.status === 409 && (response.headers.get('Retry-After') || (item.uncertain && (item.busy || 0) < BUSY_RETRIES))) {
      return { outcome: 'later', busy: true };
    }
    const html = await response.text().catch(() => '');
    return { outcome: 'refused', reason: reasonOf(html, response.status) };
  }

  function withSyncLock(work) {
    if (navigator.locks && navigator.locks.request) {
      // One tab at a time: two tabs sending the same item would get a 409 for the second.
      return navigator.locks.request('safegrid-offline-sync', { ifAvailable: true }, (lock) => (lock ? work() : null));
    }
    return work();
  }

  /** Sends the pending items in order (or just `onlyId`, even a refused one); stops at the first that must wait. */
  function sync(onlyId) {
    if (syncing || !signedIn()) return Promise.resolve(null);
    syncing = true;
    return withSyncLock(async () => {
      const owner = currentOwner();
      const items = (await queueAll()).filter((item) => (onlyId != null ? item.id === onlyId : item.status === 'pending') &&
        (!item.owner || !owner || item.owner === owner));
      if (!items.length) return null;
      if (!navigator.onLine && onlyId == null) return null;
      let sentCount = 0;
      let stop = null;
      syncState = { done: 0, total: items.length };
      refreshBadge();
      for (const item of items) {
        let token;
        try { token = await freshToken(); } catch (error) { stop = 'later'; break; }
        // Discarded from another tab meanwhile: nothing to send.
        if (!(await queueGet(item.id))) continue;
        const result = await sendQueued(item, token);
        if (result.outcome === 'sent') {
          await queueDelete(item.id);
          sentCount++;
        } else if (result.outcome === 'refused') {
          item.status = 'refused';
          item.reason = result.reason;
          item.triedAt = Date.now();
          await queuePut(item);
        } else {
          if (result.uncertain || result.busy) {
            item.uncertain = true;
            if (result.busy) item.busy = (item.busy || 0) + 1;
            await queuePut(item).catch(() => {});
          }
          stop = result.outcome;
          break;
        }
        syncState.done++;
        refreshBadge();
      }
      return { sent: sentCount, stop };
    }).then(async (result) => {
      syncing = false;
      syncState = null;
      await refreshBadge();
      if (result && result.stop === 'signin') openPanel();
      if (result && result.sent) {
        const left = (await queueAll().catch(() => [])).filter((i) => i.status === 'pending').length;
        if (!left) announce(text('synced'));
      }
      if (panel) renderPanel();
      return result;
    }, async (error) => {
      syncing = false;
      syncState = null;
      await refreshBadge();
      if (window.console) console.error('offline.js: sending the queue failed', error);
      return null;
    });
  }

  // ---------------------------------------------------------------- badge, panel, messages

  let badge = null;
  let live = null;
  let panel = null;
  let panelReturn = null;

  function announce(message) {
    if (!live || !message) return;
    live.textContent = message;
    live.hidden = false;
    clearTimeout(announce.timer);
    announce.timer = setTimeout(() => { live.textContent = ''; live.hidden = true; }, SYNCED_SHOWN_MS);
  }

  async function refreshBadge() {
    if (!badge) return;
    let items = [];
    try { items = await queueAll(); } catch (error) { /* no store: nothing queued */ }
    const offline = !navigator.onLine;
    let label = '';
    if (syncState) label = text('syncing', Math.min(syncState.done + 1, syncState.total), syncState.total);
    else if (items.length) label = text('pending', items.length);
    badge.textContent = '';
    if (offline) {
      const line = document.createElement('span');
      line.className = 'sg-badge-offline';
      line.textContent = text('offline');
      badge.appendChild(line);
    }
    if (label) {
      const count = document.createElement('span');
      count.className = 'sg-badge-count';
      count.textContent = label;
      badge.appendChild(count);
    }
    badge.dataset.count = String(items.length);
    badge.classList.toggle('sg-is-offline', offline);
    badge.classList.toggle('sg-has-refused', items.some((i) => i.status === 'refused'));
    badge.hidden = !offline && !label;
    document.body.classList.toggle('sg-badge-shown', !badge.hidden);
  }

  function button(label, className, handler) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'button ' + className;
    b.textContent = label;
    b.addEventListener('click', handler);
    return b;
  }

  async function renderPanel() {
    if (!panel) return;
    const list = panel.querySelector('.sg-queue');
    let items = [];
    try { items = await queueAll(); } catch (error) { /* shown empty */ }
    list.textContent = '';
    const lang = document.documentElement.lang || undefined;
    items.forEach((item) => {
      const li = document.createElement('li');
      li.className = 'sg-queue-item' + (item.status === 'refused' ? ' sg-refused' : '');
      const title = document.createElement('strong');
      title.textContent = item.title;
      const when = document.createElement('time');
      when.dateTime = new Date(item.createdAt).toISOString();
      when.textContent = new Date(item.createdAt).toLocaleString(lang);
      li.append(title, when);
      if (item.status === 'refused') {
        const why = document.createElement('p');
        why.className = 'field-error';
        why.textContent = text('refused', item.reason);
        li.appendChild(why);
      }
      const actions = document.createElement('div');
      actions.className = 'actions';
      actions.append(
        button(text('retry'), 'primary sg-retry', () => { sync(item.id); }),
        button(text('discard'), 'sg-discard', async () => {
          if (!window.confirm(text('discardConfirm'))) return;
          await queueDelete(item.id).catch(() => {});
          await refreshBadge();
          if ((await queueAll().catch(() => [])).length) renderPanel(); else closePanel();
        }));
      li.appendChild(actions);
      list.appendChild(li);
    });
  }

  function openPanel() {
    if (!textBox) return;
    if (panel) { renderPanel(); return; }
    panelReturn = document.activeElement;
    panel = document.createElement('div');
    panel.className = 'sg-panel-backdrop';
    const box = document.createElement('div');
    box.className = 'sg-panel';
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', 'sg-panel-title');
    const heading = document.createElement('h2');
    heading.id = 'sg-panel-title';
    heading.textContent = text('queueTitle');
    const list = document.createElement('ol');
    list.className = 'sg-queue';
    const close = button(text('close'), 'sg-close', closePanel);
    box.append(heading, list, close);
    panel.appendChild(box);
    panel.addEventListener('click', (event) => { if (event.target === panel) closePanel(); });
    box.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { event.preventDefault(); closePanel(); return; }
      if (event.key !== 'Tab') return;
      // Focus stays inside the dialog while it is open.
      const stops = Array.from(box.querySelectorAll('button:not([disabled])'));
      if (!stops.length) return;
      const first = stops[0];
      const last = stops[stops.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); } else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    });
    document.body.appendChild(panel);
    if (badge) badge.setAttribute('aria-expanded', 'true');
    renderPanel().then(() => {
      const first = box.querySelector('.sg-retry') || close;
      first.focus();
    });
  }

  function closePanel() {
    if (!panel) return;
    panel.remove();
    panel = null;
    if (badge) badge.setAttribute('aria-expanded', 'false');
    const back = panelReturn && document.contains(panelReturn) ? panelReturn : badge;
    if (back && back.focus) back.focus();
    panelReturn = null;
  }

  function buildChrome() {
    if (!textBox) return;
    badge = document.createElement('button');
    badge.type = 'button';
    badge.className = 'sg-badge';
    badge.hidden = true;
    badge.setAttribute('aria-haspopup', 'dialog');
    badge.setAttribute('aria-expanded', 'false');
    badge.addEventListener('click', openPanel);
    live = document.createElement('div');
    live.className = 'sg-live';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.hidden = true;
    document.body.append(badge, live);
  }

  // ---------------------------------------------------------------- service worker

  function prefetchTasks() {
    const controller = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!controller || !navigator.onLine || location.pathname !== '/my-tasks') return;
    // The tasks page itself too: the worker may have taken control only after it loaded.
    // 消息 too, so its tab opens offline with what was known (listing marks nothing read).
    const urls = [location.pathname + location.search, '/hazards/new', '/messages'];
    document.querySelectorAll('main a[href]').forEach((a) => {
      const url = new URL(a.getAttribute('href'), location.href);
      if (url.origin !== location.origin) return;
      const p = url.pathname;
      const wanted = (p === '/inspections/new' && url.searchParams.has('placeId')) || /^\/inspections\/\d+$/.test(p) || /^\/hazards\/\d+$/.test(p);
      const href = p + url.search;
      if (wanted && !urls.includes(href)) urls.push(href);
    });
    controller.postMessage({ type: 'prefetch', urls: urls.slice(0, PREFETCH_MAX) });
  }

  function clearSavedPages() {
    const work = [];
    const controller = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (controller) controller.postMessage({ type: 'clear' });
    // Also from here, in case no worker controls this page: the next user must not see these.
    if (window.caches) {
      work.push(caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith(PAGES_CACHE_PREFIX)).map((n) => caches.delete(n)))));
    }
    return Promise.all(work).catch(() => {});
  }

  function watchLogout() {
    document.querySelectorAll('form[action="/logout"]').forEach((form) => {
      on(form, 'submit', (event) => {
        if (form.dataset.sgCleared === '1') return;
        event.preventDefault();
        form.dataset.sgCleared = '1';
        // The queue stays: the phone's unsent work is sent after the next sign-in.
        const clearing = Promise.all([clearSavedPages(), draftsClear().catch(() => {})]);
        const late = new Promise((resolve) => setTimeout(resolve, LOGOUT_CLEAR_WAIT_MS));
        Promise.race([clearing, late]).then(() => formProto.submit.call(form));
      });
    });
  }

  function insecureHint() {
    let shown = false;
    try { shown = !!sessionStorage.getItem('sg-insecure-shown'); } catch (error) { /* storage off: show it */ }
    if (!textBox || shown) return;
    const photoForm = Array.from(document.forms).some((f) => handled(f) && f.querySelector('input[type=file]'));
    if (!photoForm && location.pathname !== '/my-tasks') return;
    const main = document.querySelector('main') || document.body;
    const hint = document.createElement('p');
    hint.className = 'hint sg-insecure';
    hint.textContent = text('insecure');
    main.insertBefore(hint, main.firstChild);
    try { sessionStorage.setItem('sg-insecure-shown', '1'); } catch (error) { /* shown again next page */ }
  }

  // ---------------------------------------------------------------- start

  function start() {
    buildChrome();
    const forms = Array.from(document.forms).filter(handled);
    // A saved copy of a page (served by the worker without network) holds keys that may have
    // been used already; each showing of a form gets its own, as from the server.
    const copy = document.querySelector('meta[name="sg-offline-copy"]');
    forms.forEach((form) => {
      if (copy) form.querySelectorAll('input[name="_idem"]').forEach((i) => { i.value = newKey(); });
      on(form, 'submit', onSubmit);
      on(form, 'click', (event) => {
        const b = event.target.closest && event.target.closest('button, input[type=submit]');
        if (b && b.form === form && (b.type || '').toLowerCase() === 'submit') lastSubmitter.set(form, b);
      });
      watchDraft(form);
      restoreDraft(form).catch(() => {});
    });
    // A form whose earlier submission still waits says so, so the empty copy does not look like lost work.
    if (forms.length) {
      queueAll().then((items) => forms.forEach((form) => {
        const url = formAction(form).href;
        if (items.some((i) => i.url === url && i.page === location.pathname + location.search)) note(form, 'sg-saved-note', text('saved'));
      })).catch(() => {});
    }
    watchLogout();
    // Back to a page left while sending: its buttons were still disabled.
    on(window, 'pageshow', (event) => {
      if (!event.persisted) return;
      forms.forEach((form) => {
        setBusy(form, false);
        form.querySelectorAll('.sg-progress').forEach((box) => { box.hidden = true; });
      });
    });

    if ('serviceWorker' in navigator && window.isSecureContext) {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error) => {
        if (window.console) console.warn('offline.js: no service worker', error);
      });
      on(navigator.serviceWorker, 'message', (event) => {
        const data = event.data || {};
        if (data.type === 'prefetched') {
          api.prefetched = data.stored;
          document.dispatchEvent(new CustomEvent('sg-offline-prefetched', { detail: data }));
        }
      });
      on(navigator.serviceWorker, 'controllerchange', prefetchTasks);
      prefetchTasks();
      if (location.pathname === '/login' && navigator.onLine) clearSavedPages();
    } else if (!window.isSecureContext) {
      insecureHint();
    }

    on(window, 'online', () => { refreshBadge(); sync(); });
    on(window, 'offline', refreshBadge);
    timers.push(setInterval(() => { if (navigator.onLine) sync(); }, SYNC_EVERY_MS));
    refreshBadge().then(() => { if (navigator.onLine) sync(); });
  }

  const api = {
    sync,
    queue: () => queueAll(),
    prefetched: null,
    teardown() {
      listeners.forEach((l) => l[0].removeEventListener(l[1], l[2], l[3]));
      timers.forEach(clearInterval);
      saveTimers.forEach(clearTimeout);
      if (dbPromise) dbPromise.then((d) => d.close()).catch(() => {});
    }
  };
  window.sgOffline = api;

  function safeStart() {
    try { start(); } catch (error) {
      // The plain forms still work; only the extras are missing.
      if (window.console) console.error('offline.js: not started', error);
    }
  }
  if (document.readyState === 'loading') on(document, 'DOMContentLoaded', safeStart);
  else safeStart();
})();
