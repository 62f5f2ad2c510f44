// Errors shown where they happened: a call's error above the part of the page that made it, and each
// field violation of a BadRequest next to its field.
import { h, show, announce } from "./dom.js";

/** Shows `error` in `slot` (an element kept for it); an UNAUTHENTICATED call signs out. */
export function showError(slot, error) {
  if (error.code === "unauthenticated") {
    window.dispatchEvent(new CustomEvent("pidgr:signed-out", { detail: `Signed out: ${error.message}` }));
    return;
  }
  slot.hidden = false;
  show(slot, h("strong", {}, label(error.code)), " ", error.message);
  announce(`Error: ${error.message}`);
}

export function clearError(slot) {
  slot.hidden = true;
  show(slot);
}

/**
 * Puts each violation under the field it names (`audience[3].user_id` under `audience`), marking the
 * control invalid; returns the violations no field of the form claims.
 */
export function showViolations(form, violations, fieldOf = (path) => path.split(/[.[]/)[0]) {
  for (const slot of form.querySelectorAll(".field-error")) {
    slot.hidden = true;
    show(slot);
  }
  for (const control of form.querySelectorAll("[aria-invalid]")) {
    control.removeAttribute("aria-invalid");
  }
  const unclaimed = [];
  for (const v of violations) {
    const name = fieldOf(v.field);
    const wrapper = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    const slot = wrapper?.querySelector(".field-error");
    if (!slot) {
      unclaimed.push(v);
      continue;
    }
    slot.hidden = false;
    slot.append(h("span", {}, v.field === name ? v.description : `${v.field}: ${v.description}`));
    wrapper.querySelector("input, select, textarea")?.setAttribute("aria-invalid", "true");
  }
  form.querySelector("[aria-invalid]")?.focus();
  return unclaimed;
}

function label(code) {
  return {
    invalid_argument: "Invalid:", failed_precondition: "Not possible now:", not_found: "Not found:",
    permission_denied: "Not allowed:", already_exists: "Already exists:", aborted: "Changed meanwhile:",
    resource_exhausted: "Busy:", unavailable: "Unavailable:", deadline_exceeded: "Timed out:",
  }[code] ?? "Error:";
}
