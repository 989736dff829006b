// The suggestion box with JavaScript: previews of the chosen photos, shrunk in the browser
// to at most 2048 px before upload so a phone's 10 MB photo travels as a few hundred kB.
// Without JavaScript the form works the same; the server checks and shrinks every photo anyway.
(function () {
  "use strict";
  var MAX_SIDE = 2048;

  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) {
      return Promise.resolve(file); // HEIC and the rest: the server converts them
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size < 2 * 1024 * 1024) {
        return file;
      }
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob) {
            resolve(file);
            return;
          }
          var name = file.name.replace(/\.[^.]+$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg" }));
        }, "image/jpeg", 0.85);
      });
    }).catch(function () {
      return file; // unreadable here: let the server give its message
    });
  }

  function preview(container, files, template) {
    container.textContent = "";
    files.forEach(function (file, index) {
      var figure = document.createElement("figure");
      var caption = document.createElement("figcaption");
      caption.textContent = template.replace("%n", index + 1) + " (" + Math.round(file.size / 1024) + " kB)";
      if (/^image\/(jpeg|png|webp)$/.test(file.type)) {
        var image = document.createElement("img");
        image.src = URL.createObjectURL(file);
        image.alt = template.replace("%n", index + 1);
        figure.appendChild(image);
      }
      figure.appendChild(caption);
      container.appendChild(figure);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector(".suggestion-form input[type=file]");
    var container = document.getElementById("photo-previews");
    if (!input || !container || !window.DataTransfer) {
      return;
    }
    var template = container.getAttribute("data-label") || "%n";
    input.addEventListener("change", function () {
      var chosen = Array.prototype.slice.call(input.files);
      Promise.all(chosen.map(shrink)).then(function (files) {
        var transfer = new DataTransfer();
        files.forEach(function (file) { transfer.items.add(file); });
        input.files = transfer.files;
        preview(container, files, template);
      });
    });
  });
})();

// "Share my location": the browser's position, only when the person asks for it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("location");
    if (!box || !navigator.geolocation) {
      return;
    }
    box.hidden = false;
    var status = document.getElementById("location-status");
    document.getElementById("location-button").addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var latitude = position.coords.latitude.toFixed(6);
        var longitude = position.coords.longitude.toFixed(6);
        document.getElementById("id_latitude").value = latitude;
        document.getElementById("id_longitude").value = longitude;
        status.textContent = status.getAttribute("data-found").replace("%s", latitude + ", " + longitude);
        document.dispatchEvent(new CustomEvent("location:shared"));
      }, function () {
        status.textContent = status.getAttribute("data-failed");
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  });
})();

// The place and "Is it one of these?": the map's pin, the address and the mahalle fill each other from the
// portal's known addresses (no external geocoder), and the open public reports of the chosen topic near
// the place are shown before sending. Without JavaScript the server asks the same in a second step.
(function () {
  "use strict";

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, wait);
    };
  }

  function getJSON(url, params) {
    var query = Object.keys(params)
      .filter(function (key) { return params[key] !== "" && params[key] != null; })
      .map(function (key) { return encodeURIComponent(key) + "=" + encodeURIComponent(params[key]); })
      .join("&");
    return fetch(url + (query ? "?" + query : ""), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { return data.results || []; })
      .catch(function () { return []; });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("suggestion-form");
    if (!form || !window.fetch) return;
    var topic = document.getElementById("id_topic");
    var neighbourhood = document.getElementById("id_neighbourhood");
    var address = document.getElementById("id_address");
    var latitude = document.getElementById("id_latitude");
    var longitude = document.getElementById("id_longitude");
    var decision = document.getElementById("id_decision");
    var section = document.getElementById("nearby");
    var list = document.getElementById("nearby-list");
    var map = document.querySelector(".suggestion-form [data-map]");
    var mapHelp = document.getElementById("map-help");
    var suggestions = document.getElementById("address-suggestions");
    var addressStatus = document.getElementById("address-status");
    if (mapHelp && map && map.dataset.mapReady) mapHelp.hidden = false;

    // ---- nearby reports ----
    var asked = "";
    function render(results) {
      list.textContent = "";
      results.forEach(function (row) {
        var item = element("li", "nearby__item");
        var radio = element("input");
        radio.type = "radio";
        radio.name = "support";
        radio.value = String(row.id);
        radio.id = "support-" + row.id;
        var label = element("label");
        label.htmlFor = radio.id;
        label.appendChild(element("strong", "", section.dataset.join.replace("%n", row.id)));
        var voices = row.voices + 1;
        var parts = [row.topic, row.neighbourhood, row.date, row.status,
          row.distance === null ? section.dataset.street : section.dataset.distance.replace("%n", row.distance),
          voices === 1 ? section.dataset.voicesOne : section.dataset.voicesMany.replace("%n", voices)];
        label.appendChild(element("span", "nearby__meta", parts.filter(Boolean).join(" · ")));
        if (row.text) label.appendChild(element("span", "nearby__text", row.text.length > 300 ? row.text.slice(0, 299) + "…" : row.text));
        item.appendChild(radio);
        item.appendChild(label);
        if (row.url) {
          var link = element("a", "nearby__link", section.dataset.see);
          link.href = row.url;
          link.appendChild(element("span", "visually-hidden", " #" + row.id));
          item.appendChild(link);
        }
        list.appendChild(item);
      });
      var none = document.getElementById("support-none");
      if (none && !form.querySelector("input[name=support]:checked")) none.checked = true;
      section.hidden = results.length === 0;
    }

    function refreshNearby() {
      if (!section || !form.dataset.nearby) return;
      var params = {
        topic: topic ? topic.value : "",
        lat: latitude.value,
        lon: longitude.value,
        address: address ? address.value : "",
        neighbourhood: neighbourhood ? neighbourhood.value : "",
      };
      var key = JSON.stringify(params);
      if (key === asked) return;
      asked = key;
      if (!params.topic) {
        render([]);
        return;
      }
      getJSON(form.dataset.nearby, params).then(function (results) {
        if (key === asked) render(results);
      });
    }
    var refreshSoon = debounce(refreshNearby, 400);

    // ---- known addresses ----
    function useAddress(row, moveMap) {
      if (address) {
        address.value = row.address;
        address.dataset.auto = "1";
      }
      if (neighbourhood && row.neighbourhood) neighbourhood.value = String(row.neighbourhood);
      if (moveMap && map) {
        map.dispatchEvent(new CustomEvent("map:set", { detail: { lat: row.lat, lon: row.lon } }));
      }
      if (moveMap && !map) {
        latitude.value = row.lat;
        longitude.value = row.lon;
      }
      if (addressStatus) {
        addressStatus.textContent = (moveMap ? addressStatus.dataset.used : addressStatus.dataset.named).replace("%s", row.label);
      }
      refreshSoon();
    }

    function showSuggestions(rows) {
      if (!suggestions) return;
      suggestions.textContent = "";
      rows.forEach(function (row) {
        var item = element("li");
        var button = element("button", "button button--secondary", row.label);
        button.type = "button";
        button.addEventListener("click", function () {
          suggestions.textContent = "";
          suggestions.hidden = true;
          useAddress(row, true);
          address.focus();
        });
        item.appendChild(button);
        suggestions.appendChild(item);
      });
      suggestions.hidden = rows.length === 0;
      if (addressStatus) {
        addressStatus.textContent = rows.length ? addressStatus.dataset.found.replace("%n", rows.length) : "";
      }
    }

    var lookupTyped = debounce(function () {
      if (!form.dataset.addresses || address.value.trim().length < 3) {
        showSuggestions([]);
        return;
      }
      getJSON(form.dataset.addresses, { q: address.value, neighbourhood: neighbourhood ? neighbourhood.value : "" })
        .then(showSuggestions);
    }, 300);

    function placed() {
      // The pin moved (tap, drag, "share my location"): name its address when the resident has not typed one.
      if (form.dataset.addresses && address && (!address.value.trim() || address.dataset.auto === "1")) {
        getJSON(form.dataset.addresses, { lat: latitude.value, lon: longitude.value }).then(function (rows) {
          if (rows.length) useAddress(rows[0], false);
        });
      }
      refreshSoon();
    }

    if (address) {
      address.addEventListener("input", function () {
        address.dataset.auto = "";
        lookupTyped();
        refreshSoon();
      });
    }
    if (topic) topic.addEventListener("change", refreshNearby);
    if (neighbourhood) neighbourhood.addEventListener("change", refreshSoon);
    if (map) map.addEventListener("map:picked", placed);
    document.addEventListener("location:shared", function () {
      if (map) map.dispatchEvent(new CustomEvent("map:set", { detail: { lat: latitude.value, lon: longitude.value } }));
      placed();
    });

    // Joining a report sends a voice, not a new report: the button says so.
    var send = document.getElementById("send-button");
    if (send && send.dataset.supportLabel) {
      var sendLabel = send.textContent;
      form.addEventListener("change", function (event) {
        if (event.target.name !== "support") return;
        send.textContent = event.target.value ? send.dataset.supportLabel : sendLabel;
      });
    }
    // The reports on screen were seen: sending now files a new report unless one was chosen.
    form.addEventListener("submit", function () {
      if (decision && section && !section.hidden) decision.value = "new";
    });
    // A second step from the server already lists the reports; otherwise ask once for what the form holds.
    if (section && section.hidden) refreshNearby();
  });
})();
