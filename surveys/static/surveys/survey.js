// Shows a question only while the answer it depends on is chosen; without this script every question of a step is
// shown with a note saying when to answer it, and the server ignores the ones that do not apply.
(function () {
  "use strict";
  var form = document.querySelector(".survey-form");
  if (!form) return;
  var dependents = form.querySelectorAll("[data-show-when]");
  if (!dependents.length) return;

  function chosen(name) {
    var values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value) values.push(input.value);
    });
    return values;
  }

  function update() {
    dependents.forEach(function (block) {
      var shown = chosen(block.dataset.showWhen).indexOf(block.dataset.showValue) !== -1;
      block.hidden = !shown;
      var note = block.querySelector(".question__condition");
      if (note) note.hidden = true;
    });
  }

  form.addEventListener("change", update);
  update();
})();
