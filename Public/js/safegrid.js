// SafeGrid's only script, served from this site so the Content-Security-Policy can forbid
// inline script. Every page works without it; it adds what a browser alone cannot do.
(function () {
  'use strict';

  // "Use my location" on forms with coordinates.
  function setUpLocate() {
    var button = document.querySelector('[data-locate]');
    if (!button || !navigator.geolocation) return;
    var box = button.closest('fieldset');
    var status = box.querySelector('[data-locate-status]');
    // Browsers give positions to secure pages only: over plain HTTP say why, instead of a
    // button that can only fail.
    if (window.isSecureContext === false) {
      status.textContent = button.dataset.insecure;
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      button.disabled = true;
      status.textContent = button.dataset.busy;
      navigator.geolocation.getCurrentPosition(function (position) {
        box.querySelector('[name=latitude]').value = position.coords.latitude.toFixed(6);
        box.querySelector('[name=longitude]').value = position.coords.longitude.toFixed(6);
        status.textContent = button.dataset.done.replace('{0}', String(Math.round(position.coords.accuracy)));
        button.disabled = false;
      }, function () {
        status.textContent = button.dataset.failed;
        button.disabled = false;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  // A form shown again by Back still holds what was typed, but its CSRF token may belong to a
  // session that has since ended; fetch the current one so submitting again works.
  function refreshTokens() {
    var fields = document.querySelectorAll('input[name=_csrf]');
    if (!fields.length || !window.fetch) return;
    fetch('/session/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body || !body.token) return;
        fields.forEach(function (f) { f.value = body.token; });
      })
      .catch(function () { /* offline: the old token is all there is */ });
  }

  window.addEventListener('pageshow', function (event) {
    if (event.persisted) refreshTokens();
  });
  if (window.performance && performance.getEntriesByType) {
    var nav = performance.getEntriesByType('navigation')[0];
    if (nav && nav.type === 'back_forward') refreshTokens();
  }
  document.addEventListener('DOMContentLoaded', function () {
    setUpLocate();
    // Destructive buttons ask first; without the script they act at once, as a plain form.
    document.querySelectorAll('[data-confirm]').forEach(function (b) {
      b.addEventListener('click', function (event) {
        if (!window.confirm(b.dataset.confirm)) event.preventDefault();
      });
    });
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.addEventListener('click', function () { window.print(); });
    });
  });
})();
