/*
 * Maps on the portal: Leaflet (served by the site, static "leaflet/leaflet.js") driven by data attributes.
 *
 * CONTRACT (include theme/templates/components/map.html rather than writing the div by hand):
 *
 *   <div class="map" data-map="show|pick" role="region" aria-label="…" hidden
 *        data-tile-url data-attribution data-attribution-url data-center="lat,lon" data-zoom   ({% map_attributes %})
 *        [data-points="json-script-id"] [data-numbered] [data-route]
 *        [data-lat-input="css selector" data-lon-input="css selector"]></div>
 *
 * The div is hidden until this script runs; the page's own list, table or fields are the content, so the page
 * works without JavaScript and without tiles. Nothing here is inline (CSP: script-src/style-src 'self').
 *
 * show: markers from {{ points|json_script:"id" }}, a list of {lat, lon, label, url, number, done}; entries without
 *   lat/lon are skipped (list them on the page). Each marker's title is its label (plus the number); a marker
 *   with a url opens a popup linking to it. data-numbered draws 1, 2, 3… (or each point's `number`) in list
 *   order; data-route draws a line between the points in order; `done: true` draws a point as already dealt
 *   with (green, e.g. a delivered stop). The view fits all markers.
 * pick: one draggable pin. A click or tap places it; dragging moves it; the inputs named by data-lat-input and
 *   data-lon-input are filled (6 decimals, with "input" and "change" events) and typing in them moves the pin.
 *   Each placement by the person fires `map:picked` on the div, detail {lat, lon}. Dispatch `map:set`
 *   (detail {lat, lon}) on the div to move the pin and fill the inputs from your own code (it does not fire
 *   map:picked). The "Use my location" button after the div ([data-map-tools]) uses navigator.geolocation.
 *
 * Each initialised div gets `mapReady = true` in its dataset and its Leaflet map as `div.leafletMap`.
 * Keyboard: Leaflet's own (arrows pan, +/- zoom when the map has focus). Markers carry a title and are named
 * images, not tab stops: the page's own list (or the pick map's inputs) is the keyboard's and screen reader's way
 * to the same places, and close stops would otherwise be overlapping targets too small to tap (WCAG 2.5.8).
 */
(function () {
  "use strict";

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function number(value) {
    if (value === null || value === undefined || value === "") return null;
    var parsed = parseFloat(String(value).replace(",", "."));
    return isFinite(parsed) ? parsed : null;
  }

  function readPoints(el) {
    var id = el.dataset.points;
    var source = id && document.getElementById(id);
    if (!source) return [];
    try {
      var points = JSON.parse(source.textContent);
      return Array.isArray(points) ? points : [];
    } catch (error) {
      return [];
    }
  }

  function markerIcon(className, text) {
    return L.divIcon({
      className: "map-marker " + className,
      html: text ? "<span>" + escapeHtml(text) + "</span>" : "",
      iconSize: [30, 30],
      // A numbered circle sits on its place; a pin's point does.
      iconAnchor: text ? [15, 15] : [15, 30],
      popupAnchor: text ? [0, -14] : [0, -28],
    });
  }

  function nameMarker(marker, title) {
    var element = marker.getElement();
    if (element && title) {
      element.setAttribute("role", "img");
      element.setAttribute("aria-label", title);
    }
  }

  function createMap(el) {
    var center = (el.dataset.center || "41.016,29.124").split(",").map(Number);
    var map = L.map(el, {
      center: center,
      zoom: Number(el.dataset.zoom || 13),
      scrollWheelZoom: false,  // the page scrolls past the map; zoom with the buttons, keys or two fingers
      zoomControl: false,
    });
    L.control
      .zoom({ zoomInTitle: el.dataset.zoomIn || "+", zoomOutTitle: el.dataset.zoomOut || "-" })
      .addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    var attribution = el.dataset.attributionUrl
      ? '<a href="' + escapeHtml(el.dataset.attributionUrl) + '">' + escapeHtml(el.dataset.attribution) + "</a>"
      : escapeHtml(el.dataset.attribution);
    L.tileLayer(el.dataset.tileUrl, { attribution: attribution, maxZoom: 19 }).addTo(map);
    // A map drawn inside a closed tab or panel has no size; measure again when it gets one.
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        map.invalidateSize();
      }).observe(el);
    }
    return map;
  }

  function show(el, map) {
    var points = readPoints(el).filter(function (point) {
      return number(point.lat) !== null && number(point.lon) !== null;
    });
    var numbered = el.hasAttribute("data-numbered");
    var path = [];
    points.forEach(function (point, index) {
      var position = [number(point.lat), number(point.lon)];
      var label = point.number != null ? point.number : index + 1;
      var title = numbered ? label + ". " + (point.label || "") : point.label || "";
      var marker = L.marker(position, {
        icon: markerIcon(
          (numbered ? "map-marker--numbered" : "map-marker--pin") + (point.done ? " map-marker--done" : ""),
          numbered ? String(label) : ""
        ),
        title: title,
        keyboard: false,
        riseOnHover: true,
        // Close stops overlap: what is still to do lies above what is done, and earlier above later.
        zIndexOffset: (point.done ? 0 : 1000000) + (points.length - index) * 1000,
      }).addTo(map);
      nameMarker(marker, title);
      if (point.url) {
        marker.bindPopup('<a href="' + escapeHtml(point.url) + '">' + escapeHtml(title) + "</a>");
      } else if (title) {
        marker.bindPopup(escapeHtml(title));
      }
      path.push(position);
    });
    if (el.hasAttribute("data-route") && path.length > 1) {
      L.polyline(path, { className: "map-route", weight: 4, opacity: 0.8 }).addTo(map);
    }
    if (path.length === 1) {
      map.setView(path[0], Math.max(map.getZoom(), 16));
    } else if (path.length > 1) {
      map.fitBounds(L.latLngBounds(path), { padding: [30, 30], maxZoom: 17 });
    }
  }

  function pick(el, map) {
    var latInput = el.dataset.latInput ? document.querySelector(el.dataset.latInput) : null;
    var lonInput = el.dataset.lonInput ? document.querySelector(el.dataset.lonInput) : null;
    var marker = null;

    function fill(input, value) {
      if (!input) return;
      input.value = value.toFixed(6);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function place(lat, lon, options) {
      options = options || {};
      var position = L.latLng(lat, lon);
      if (!marker) {
        marker = L.marker(position, {
          draggable: true,
          icon: markerIcon("map-marker--pin", ""),
          title: el.getAttribute("aria-label") || "",
          keyboard: false,
        }).addTo(map);
        nameMarker(marker, el.getAttribute("aria-label") || "");
        marker.on("dragend", function () {
          var moved = marker.getLatLng();
          choose(moved.lat, moved.lng);
        });
      } else {
        marker.setLatLng(position);
      }
      if (options.fillInputs) {
        fill(latInput, lat);
        fill(lonInput, lon);
      }
      if (options.pan) map.setView(position, Math.max(map.getZoom(), 16));
    }

    // A place chosen by the person: the pin, the inputs, and the event for the page's own script.
    function choose(lat, lon, pan) {
      place(lat, lon, { fillInputs: true, pan: pan });
      el.dispatchEvent(new CustomEvent("map:picked", { bubbles: true, detail: { lat: lat, lon: lon } }));
    }

    function fromInputs(pan) {
      var lat = number(latInput && latInput.value);
      var lon = number(lonInput && lonInput.value);
      if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        place(lat, lon, { pan: pan });
      }
    }

    map.on("click", function (event) {
      choose(event.latlng.lat, event.latlng.lng);
    });
    [latInput, lonInput].forEach(function (input) {
      if (input) {
        input.addEventListener("change", function () {
          fromInputs(true);
        });
      }
    });
    el.addEventListener("map:set", function (event) {
      var detail = event.detail || {};
      var lat = number(detail.lat);
      var lon = number(detail.lon);
      if (lat !== null && lon !== null) place(lat, lon, { fillInputs: true, pan: true });
    });
    fromInputs(true);

    var tools = el.nextElementSibling;
    if (tools && tools.hasAttribute("data-map-tools") && navigator.geolocation) {
      var button = tools.querySelector("[data-map-locate]");
      var status = tools.querySelector("[data-map-status]");
      tools.hidden = false;
      button.addEventListener("click", function () {
        status.textContent = status.dataset.locating;
        button.disabled = true;
        navigator.geolocation.getCurrentPosition(
          function (position) {
            button.disabled = false;
            status.textContent = "";
            choose(position.coords.latitude, position.coords.longitude, true);
          },
          function () {
            button.disabled = false;
            status.textContent = status.dataset.failed;
          },
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
        );
      });
    }
  }

  function init(el) {
    if (el.dataset.mapReady || !window.L) return;
    el.hidden = false;
    var map = createMap(el);
    el.leafletMap = map;
    if (el.dataset.map === "pick") {
      pick(el, map);
    } else {
      show(el, map);
    }
    el.dataset.mapReady = "true";
  }

  function initAll() {
    document.querySelectorAll("[data-map]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
