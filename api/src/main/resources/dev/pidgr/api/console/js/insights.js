// The campaign page's history (ListCampaignHistory, oldest first, paged) and preview (PreviewCampaign for
// chosen members). Each card keeps its own state, so the page's 2 s refresh neither reloads the history
// when nothing happened (it reloads only when the campaign's version moved) nor clears a preview.
import { call } from "./api.js";
import { h, show, time } from "./dom.js";
import { showError, clearError } from "./errors.js";

/** The history card; `refresh(version)` reloads it when the campaign's version changed. */
export function historyCard(id) {
  const state = { version: null, tokens: [""] };
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const body = h("div", {});
  const element = h("section", { class: "card", "aria-labelledby": "history-title" },
    h("h2", { id: "history-title" }, "History"), error, body);

  async function load() {
    try {
      const page = await call("CampaignService", "ListCampaignHistory",
        { id, pagination: { pageSize: 20, pageToken: state.tokens[state.tokens.length - 1] } });
      clearError(error);
      show(body, table(page));
    } catch (e) {
      showError(error, e);
    }
  }

  function table(page) {
    const entries = page.entries ?? [];
    const next = page.paginationMeta?.nextPageToken ?? "";
    return [
      h("div", { class: "table-wrap" }, h("table", { class: "list", id: "history" },
        h("thead", {}, h("tr", {}, ["Version", "When", "Actor", "Event", "Summary"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, entries.map((e) => h("tr", {},
          h("td", { "data-label": "Version", class: "num" }, String(e.version)),
          h("td", { "data-label": "When" }, time(e.occurredAt)),
          h("td", { "data-label": "Actor" }, e.actor),
          h("td", { "data-label": "Event" }, e.eventType),
          h("td", { "data-label": "Summary" }, e.summary)))))),
      h("div", { class: "pager" },
        h("button", { type: "button", id: "history-previous", disabled: state.tokens.length === 1,
          onclick: () => { state.tokens.pop(); load(); } }, "Previous"),
        h("span", { class: "muted" }, `Page ${state.tokens.length}`),
        h("button", { type: "button", id: "history-next", disabled: !next,
          onclick: () => { state.tokens.push(next); load(); } }, "Next")),
    ];
  }

  return {
    element,
    refresh(version) {
      if (version !== state.version) {
        state.version = version;
        load();
      }
    },
  };
}

/** The preview card: up to 20 user ids (separated by spaces or commas) and an optional step. */
export function previewCard(id) {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const users = h("input", { id: "preview-users", type: "text", required: true, autocomplete: "off",
    placeholder: "alice bob" });
  const step = h("input", { id: "preview-step", type: "text", autocomplete: "off", placeholder: "first send step" });
  const results = h("div", { id: "previews" });
  const form = h("form", { class: "toolbar", onsubmit: (event) => { event.preventDefault(); preview(); } },
    h("label", { for: "preview-users" }, "Members"), users,
    h("label", { for: "preview-step" }, "Step"), step,
    h("button", { type: "submit", id: "preview" }, "Preview"));
  const element = h("section", { class: "card", "aria-labelledby": "preview-title" },
    h("h2", { id: "preview-title" }, "Preview"),
    h("p", { class: "muted" }, "The message each member would get, rendered as the workflow delivers it."),
    form, error, results);

  async function preview() {
    const userIds = users.value.split(/[\s,]+/).filter((u) => u);
    try {
      const { previews } = await call("CampaignService", "PreviewCampaign", { id, userIds, stepId: step.value.trim() });
      clearError(error);
      show(results, (previews ?? []).map(card));
    } catch (e) {
      show(results);
      showError(error, e);
    }
  }

  return { element };
}

function card(p) {
  const missing = p.missingVariables ?? [];
  return h("article", { class: "preview", "data-user": p.userId },
    h("h3", {}, p.userId, " · ", p.message.title),
    h("pre", { class: "preview-body" }, p.message.body),
    missing.length ? h("p", { class: "error-text" }, `Missing variables (shown empty): ${missing.join(", ")}`)
      : h("p", { class: "muted" }, "Every variable has a value."));
}
