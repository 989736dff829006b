/* The courier's route page: read a stop's barcode with the phone's camera where the browser can (BarcodeDetector).
 *
 * Without it the code field and its button work as a plain GET form; this file only adds the
 * "scan with the camera" button, fills the field with what the camera read and sends the form.
 * A file of its own: the site's CSP allows no inline script.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-stop-scan]");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var field = form.querySelector("input[name=kod]");
  var start = form.querySelector("[data-scan-start]");
  var view = form.querySelector("[data-scan-view]");
  var video = view.querySelector("video");
  var stop = form.querySelector("[data-scan-stop]");
  var status = form.querySelector("[data-scan-status]");
  var stream = null;
  var timer = null;

  function close() {
    window.clearTimeout(timer);
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
    stream = null;
    video.srcObject = null;
    view.hidden = true;
    start.hidden = false;
  }

  function found(code) {
    close();
    field.value = code;
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("code_128") === -1) {
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ["code_128"] });

    function look() {
      if (!stream) {
        return;
      }
      detector.detect(video).then(function (codes) {
        var code = codes.length ? codes[0].rawValue : "";
        if (code) {
          found(code);
        } else {
          timer = window.setTimeout(look, 250);
        }
      }, function () {
        timer = window.setTimeout(look, 500);
      });
    }

    start.hidden = false;
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (media) {
        stream = media;
        video.srcObject = media;
        view.hidden = false;
        start.hidden = true;
        status.textContent = form.dataset.cameraWait;
        return video.play().then(look);
      }).catch(function () {
        close();
        status.textContent = form.dataset.cameraError;
        field.focus();
      });
    });
    stop.addEventListener("click", function () {
      close();
      status.textContent = "";
      start.focus();
    });
    window.addEventListener("pagehide", close);
  });
}());
