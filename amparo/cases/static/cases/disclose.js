// Progressive disclosure on a form: follow-up questions come into view with the answer
// that makes them apply. Without this script every question is shown and submits as
// usual; with it nothing is removed or disabled, only hidden, so every answer is sent.
//
//   data-shown-if="name"          shown while a checkbox or radio called name is checked
//   data-shown-if="name=value"    shown while that choice is checked
//   details[data-open-if="..."]   opened when the condition becomes true (and closed on
//                                 a fresh form until it does)
// Several conditions, separated by spaces, mean "any of them". A part holding an
// error is always shown. Loaded as a file: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  function met(form, condition) {
    return condition.split(/\s+/).filter(Boolean).some(function (part) {
      var pieces = part.split("=");
      var selector = "[name='" + pieces[0] + "']" + (pieces.length > 1 ? "[value='" + pieces[1] + "']" : "");
      return Array.prototype.some.call(form.querySelectorAll(selector), function (input) {
        return input.checked;
      });
    });
  }

  function hasError(element) {
    return element.querySelector(".has-error") !== null;
  }

  function update(scope, form, first) {
    scope.querySelectorAll("[data-shown-if]").forEach(function (element) {
      element.hidden = !met(form, element.dataset.shownIf) && !hasError(element);
    });
    scope.querySelectorAll("details[data-open-if]").forEach(function (details) {
      if (met(form, details.dataset.openIf) || hasError(details)) {
        details.open = true;
      } else if (first && !scope.hasAttribute("data-answered")) {
        details.open = false;
      }
    });
  }

  function start() {
    document.querySelectorAll("[data-disclose]").forEach(function (scope) {
      var form = scope.closest("form");
      if (!form) {
        return;
      }
      update(scope, form, true);
      form.addEventListener("change", function () {
        update(scope, form, false);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
