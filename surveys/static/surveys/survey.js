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

// Ranking: the up and down buttons move an item at once instead of sending the step, and every item then takes
// the place it shows. Without this script the buttons send the step and the server moves the item.
(function () {
  "use strict";
  document.querySelectorAll("[data-ranking]").forEach(function (list) {
    var status = list.parentNode.querySelector("[data-ranking-status]");

    function renumber() {
      var items = list.querySelectorAll(".ranking__item");
      items.forEach(function (item, index) {
        item.querySelector(".ranking__place").value = index + 1;
        item.querySelector('[data-move="up"]').disabled = index === 0;
        item.querySelector('[data-move="down"]').disabled = index === items.length - 1;
      });
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest(".ranking__move");
      if (!button) return;
      event.preventDefault();
      var item = button.closest(".ranking__item");
      var up = button.dataset.move === "up";
      var sibling = up ? item.previousElementSibling : item.nextElementSibling;
      if (!sibling) return;
      list.insertBefore(item, up ? sibling : sibling.nextElementSibling);
      renumber();
      // Keep the focus on the item that moved; at the top or bottom its button is disabled, so take the other.
      var again = item.querySelector('[data-move="' + button.dataset.move + '"]');
      (again.disabled ? item.querySelector('[data-move="' + (up ? "down" : "up") + '"]') : again).focus();
      if (status) {
        status.textContent = list.dataset.moved
          .replace("ITEM", item.querySelector(".ranking__label").textContent)
          .replace("PLACE", item.querySelector(".ranking__place").value);
      }
    });
  });
})();
