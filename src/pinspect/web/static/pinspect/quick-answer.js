// One key press per answer on the case pages (docs/web.md, "Answering by keyboard").
//
// On a radio button of a question's group, Y chooses "Yes", N "No" and A "Not applicable"
// (where the question offers it), then focus moves to the next question's group, or after the
// last to the save button. The radios stay native: arrow keys, Space and Tab work as always,
// the choice is made by checking the radio (screen readers announce it as checked), and no key
// is taken from a text box or a link. When the page opens without an error summary (GOV.UK
// Frontend focuses that), the first unanswered question is focused.
const form = document.querySelector("form[data-quick-answer]");

if (form) {
  const groups = Array.from(form.querySelectorAll("[data-quick-group]"));
  const done = form.querySelector("[data-quick-done]");
  const keys = { y: "yes", n: "no", a: "n/a" };

  const focusGroup = (group) => {
    const target = group.querySelector("input:checked") || group.querySelector("input");
    if (target) {
      target.focus();
    }
  };

  const focusAfter = (group) => {
    const next = groups[groups.indexOf(group) + 1];
    if (next) {
      focusGroup(next);
    } else if (done) {
      done.focus();
    }
  };

  form.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
      return;
    }
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio") {
      return;
    }
    const value = keys[event.key.toLowerCase()];
    const group = input.closest("[data-quick-group]");
    if (!value || !group) {
      return;
    }
    const choice = Array.from(group.querySelectorAll("input[type=radio]")).find(
      (radio) => radio.value === value && !radio.disabled,
    );
    if (!choice) {
      return;
    }
    event.preventDefault();
    choice.checked = true;
    choice.dispatchEvent(new Event("change", { bubbles: true }));
    focusAfter(group);
  });

  if (!document.querySelector(".govuk-error-summary")) {
    const first = groups.find((group) => !group.querySelector("input:checked"));
    if (first) {
      focusGroup(first);
    } else if (done) {
      done.focus();
    }
  }
}
