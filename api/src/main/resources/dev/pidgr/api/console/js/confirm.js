// A modal question with two answers (<dialog>: focus stays inside, Escape cancels).
import { h } from "./dom.js";

/** Resolves true when the user confirms. */
export function confirmAction({ title, text, confirm, danger = false }) {
  return new Promise((resolve) => {
    const yes = h("button", { type: "button", class: danger ? "danger" : "primary" }, confirm);
    const no = h("button", { type: "button" }, "Keep as is");
    const dialog = h("dialog", { class: "confirm", "aria-labelledby": "confirm-title" },
      h("h2", { id: "confirm-title" }, title), h("p", {}, text), h("div", { class: "actions" }, no, yes));
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener("click", () => close(true));
    no.addEventListener("click", () => close(false));
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
