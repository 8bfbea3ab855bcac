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
    var pick = box.querySelector('[data-pick-map]');
    // Browsers give positions to secure pages only: over plain HTTP say why, instead of a
    // button that can only fail, and offer the map at once.
    if (window.isSecureContext === false) {
      status.textContent = button.dataset.insecure;
      if (pick) pick.open = true;
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
        if (pick) pick.open = true;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  // The map to tap where no position comes (LocationMap): the SVG carries its Web Mercator
  // projection as "minX maxY scale offsetX offsetY", the same sum as MapProjection.unproject.
  function setUpPickMap() {
    var box = document.querySelector('[data-pick-map]');
    var svg = box && box.querySelector('svg[data-pick]');
    if (!svg || !svg.createSVGPoint) return;
    var form = box.closest('form');
    var status = box.querySelector('[data-pick-status]');
    var p = svg.dataset.pick.split(' ').map(Number);
    var marker = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    marker.setAttribute('class', 'picked');
    marker.setAttribute('r', '16');
    function choose(name, value) {
      var select = form.querySelector('select[name=' + name + ']');
      if (!select || !select.querySelector('option[value="' + value + '"]')) return false;
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }
    svg.addEventListener('click', function (event) {
      event.preventDefault();
      var matrix = svg.getScreenCTM();
      if (!matrix) return;
      var point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      var at = point.matrixTransform(matrix.inverse());
      var named = null;
      // A tap within a fingertip (about 22 px on the screen) of a place's dot means that place,
      // where the form asks for one.
      if (form.querySelector('select[name=placeId]')) {
        var nearest = null, best = 22;
        svg.querySelectorAll('circle[data-place-id]').forEach(function (c) {
          var r = c.getBoundingClientRect();
          var d = Math.hypot(r.left + r.width / 2 - event.clientX, r.top + r.height / 2 - event.clientY);
          if (d < best) { best = d; nearest = c; }
        });
        if (nearest && choose('placeId', nearest.dataset.placeId)) {
          at = { x: Number(nearest.getAttribute('cx')), y: Number(nearest.getAttribute('cy')) };
          named = nearest.querySelector('title').textContent.split(' · ')[0];
        }
      }
      var gridName = null;
      svg.querySelectorAll('.areas path[data-grid-id]').forEach(function (area) {
        if (gridName === null && area.isPointInFill && area.isPointInFill(new DOMPoint(at.x, at.y))) {
          gridName = area.querySelector('title').textContent.split(' · ')[0];
          choose('gridId', area.dataset.gridId);
        }
      });
      var longitude = ((at.x - p[3]) / p[2] + p[0]) * 180 / Math.PI;
      var northing = p[1] - (at.y - p[4]) / p[2];
      var latitude = (2 * Math.atan(Math.exp(northing)) - Math.PI / 2) * 180 / Math.PI;
      form.querySelector('[name=latitude]').value = latitude.toFixed(6);
      form.querySelector('[name=longitude]').value = longitude.toFixed(6);
      marker.setAttribute('cx', String(at.x));
      marker.setAttribute('cy', String(at.y));
      svg.appendChild(marker);
      var where = named || gridName;
      status.textContent = where ? box.dataset.picked.replace('{0}', where) : box.dataset.outside;
      // Offline drafts save on input events; say the fields changed.
      form.querySelector('[name=latitude]').dispatchEvent(new Event('input', { bubbles: true }));
      form.querySelector('[name=longitude]').dispatchEvent(new Event('input', { bubbles: true }));
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
    setUpPickMap();
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
