// Without a token: how to get one, and a field to paste it into (it stays in this tab's sessionStorage).
import { session } from "../api.js";
import { h, show } from "../dom.js";

export function render(main) {
  const reason = sessionStorage.getItem("pidgr.signed-out-because");
  sessionStorage.removeItem("pidgr.signed-out-because");
  const input = h("input", { type: "password", id: "token", autocomplete: "off", required: true, spellcheck: "false" });
  const form = h("form", { class: "card narrow", onsubmit: (e) => {
    e.preventDefault();
    session.signIn(input.value);
    if (location.hash === "#/campaigns") {
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    } else {
      location.hash = "#/campaigns";
    }
  } },
  h("h1", {}, "Sign in"),
  reason ? h("p", { class: "error", role: "alert" }, reason) : null,
  h("p", {}, "Open the console link that ", h("code", {}, "./pidgr dev"), " prints, or paste a token (a JWT) here. ",
    "It is kept in this tab only and sent with each call as ", h("code", {}, "authorization: Bearer"), "."),
  h("div", { class: "field" }, h("label", { for: "token" }, "Token"), input),
  h("button", { type: "submit", class: "primary" }, "Sign in"));
  show(main, form);
  input.focus();
}
