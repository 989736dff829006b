// The attendance tick list saves each tick at once and shows the new count and whether quorum is reached.
(function () {
  "use strict";
  var form = document.querySelector("[data-kk-attendance]");
  var status = document.querySelector("[data-kk-quorum-status]");
  var box = document.querySelector("[data-kk-quorum]");
  if (!form || !status) {
    return;
  }
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function save(row) {
    var present = row.querySelector("input[name=present]");
    var substitute = row.querySelector("input[name=substitute]");
    if (substitute.checked && !present.checked) {
      present.checked = true;
    }
    var body = new FormData();
    body.append("seat", row.getAttribute("data-kk-seat"));
    body.append("present", present.checked ? "1" : "0");
    body.append("substitute", substitute.checked ? "1" : "0");
    row.classList.add("kk-seat--saving");
    row.classList.remove("kk-seat--error");
    fetch(form.action, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json", "X-CSRFToken": token },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        row.classList.remove("kk-seat--saving");
        if (!result.ok) {
          row.classList.add("kk-seat--error");
          status.textContent = result.data.error;
          return;
        }
        var strong = document.createElement("strong");
        strong.textContent = result.data.status;
        status.replaceChildren(strong);
        box.classList.toggle("kk-quorum--met", result.data.met);
        box.classList.toggle("kk-quorum--not-met", !result.data.met);
      })
      .catch(function () {
        row.classList.remove("kk-seat--saving");
        row.classList.add("kk-seat--error");
      });
  }

  form.addEventListener("change", function (event) {
    var row = event.target.closest("[data-kk-seat]");
    if (row) {
      save(row);
    }
  });
})();
