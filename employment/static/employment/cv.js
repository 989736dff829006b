// The CV form with JavaScript: a filter over the occupations' checkboxes, and "Add another" buttons that add
// a blank row to the education, experience and language lists. Without JavaScript the form works the same:
// every group of occupations opens by its heading, and each list always offers one blank row.
(function () {
  "use strict";

  function fold(text) {
    return (text || "").toLocaleLowerCase("tr").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function setUpFilter(form) {
    var box = form.querySelector(".occupation-filter");
    var input = document.getElementById("occupation-filter");
    var status = document.getElementById("occupation-filter-status");
    var groups = Array.prototype.slice.call(form.querySelectorAll(".occupation-group"));
    if (!box || !input || !groups.length) {
      return;
    }
    box.hidden = false;
    var wasOpen = groups.map(function (group) { return group.open; });
    var timer = null;

    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var found = 0;
      groups.forEach(function (group, index) {
        var shown = 0;
        group.querySelectorAll("li").forEach(function (item) {
          var text = fold(item.textContent);
          var match = words.every(function (word) { return text.indexOf(word) !== -1; });
          item.hidden = words.length > 0 && !match;
          if (!item.hidden) {
            shown += 1;
          }
        });
        if (words.length) {
          group.hidden = shown === 0;
          group.open = shown > 0;
          found += shown;
        } else {
          group.hidden = false;
          group.open = wasOpen[index] || group.querySelector("input:checked") !== null;
        }
      });
      if (!words.length) {
        status.textContent = "";
      } else if (found) {
        status.textContent = status.getAttribute("data-found").replace("%n", found);
      } else {
        status.textContent = status.getAttribute("data-none");
      }
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 150);
    });
    // Enter in the filter would send the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        apply();
      }
    });
  }

  function setUpRows(fieldset) {
    var prefix = fieldset.getAttribute("data-rows");
    var total = fieldset.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = fieldset.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var template = fieldset.querySelector("template.rows__template");
    var list = fieldset.querySelector(".rows__list");
    var button = fieldset.querySelector(".rows__add");
    if (!total || !template || !list || !button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) {
        button.disabled = true;
        return;
      }
      var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      list.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".form--cv");
    if (!form) {
      return;
    }
    setUpFilter(form);
    form.querySelectorAll("fieldset[data-rows]").forEach(setUpRows);
  });
})();
