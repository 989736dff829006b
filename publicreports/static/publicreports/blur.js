/* Drawing the areas to blur on a report's photo (admin, publishing check).

   The rectangles are kept in the form's textarea as "x, y, width, height" lines in the photo's own pixels, so the
   server (publicreports/photos.py) blurs the same areas whatever size the photo is shown at; without JavaScript
   staff type them into the same textarea. Each drawn rectangle is a button: click (or Enter) removes it. */
(function () {
  "use strict";

  function init(editor) {
    var image = editor.querySelector("img");
    var field = document.querySelector("textarea.blur-rectangles");
    if (!image || !field) return;
    var removeLabel = editor.getAttribute("data-remove-label") || "Remove";
    var boxes = [];
    var start = null;
    var drawing = null;

    function naturalWidth() { return image.naturalWidth || Number(editor.getAttribute("data-width")) || image.clientWidth; }
    function naturalHeight() { return image.naturalHeight || Number(editor.getAttribute("data-height")) || image.clientHeight; }
    function scale() { return naturalWidth() / image.clientWidth; }

    function read() {
      boxes = field.value.split("\n").map(function (line) {
        var values = line.trim().split(/[\s,;]+/).map(Number);
        return values.length === 4 && values.every(isFinite) ? values : null;
      }).filter(Boolean);
    }

    function write() {
      field.value = boxes.map(function (box) { return box.map(Math.round).join(", "); }).join("\n");
    }

    function place(element, box) {
      var s = scale();
      element.style.left = box[0] / s + "px";
      element.style.top = box[1] / s + "px";
      element.style.width = box[2] / s + "px";
      element.style.height = box[3] / s + "px";
    }

    function render() {
      editor.querySelectorAll(".blur-editor__box:not(.blur-editor__box--drawing)").forEach(function (el) { el.remove(); });
      boxes.forEach(function (box, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "blur-editor__box";
        button.setAttribute("aria-label", removeLabel + " (" + box.map(Math.round).join(", ") + ")");
        button.addEventListener("pointerdown", function (event) { event.stopPropagation(); });
        button.addEventListener("click", function () {
          boxes.splice(index, 1);
          write();
          render();
        });
        place(button, box);
        editor.appendChild(button);
      });
    }

    function point(event) {
      var rect = image.getBoundingClientRect();
      var s = scale();
      return [
        Math.max(0, Math.min(naturalWidth(), (event.clientX - rect.left) * s)),
        Math.max(0, Math.min(naturalHeight(), (event.clientY - rect.top) * s))
      ];
    }

    function boxFrom(a, b) {
      return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1])];
    }

    editor.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      event.preventDefault();
      start = point(event);
      drawing = document.createElement("div");
      drawing.className = "blur-editor__box blur-editor__box--drawing";
      editor.appendChild(drawing);
      place(drawing, [start[0], start[1], 0, 0]);
      editor.setPointerCapture(event.pointerId);
    });
    editor.addEventListener("pointermove", function (event) {
      if (!start) return;
      place(drawing, boxFrom(start, point(event)));
    });
    function finish(event) {
      if (!start) return;
      var box = boxFrom(start, point(event));
      start = null;
      drawing.remove();
      drawing = null;
      if (box[2] * box[3] >= 16) {
        read();
        boxes.push(box);
        write();
      }
      render();
    }
    editor.addEventListener("pointerup", finish);
    editor.addEventListener("pointercancel", finish);
    field.addEventListener("input", function () { read(); render(); });
    window.addEventListener("resize", render);
    if (image.complete) { read(); render(); } else { image.addEventListener("load", function () { read(); render(); }); }
  }

  document.querySelectorAll("[data-blur-editor]").forEach(init);
})();
