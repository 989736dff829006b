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
      }, function () {
        status.textContent = status.getAttribute("data-failed");
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  });
})();
