// Campaigns: newest first with status, audience size and live counts; a status filter; keyset paging.
// While any campaign shown is ACTIVE, the page refreshes itself every 2 s.
import { call } from "../api.js";
import { h, show, number, time, statusBadge, keepingFocus } from "../dom.js";
import { showError, clearError } from "../errors.js";

const STATUSES = ["CAMPAIGN_STATUS_UNSPECIFIED", "CAMPAIGN_STATUS_CREATED", "CAMPAIGN_STATUS_ACTIVE",
  "CAMPAIGN_STATUS_COMPLETED", "CAMPAIGN_STATUS_FAILED", "CAMPAIGN_STATUS_CANCELLED", "CAMPAIGN_STATUS_SCHEDULED"];
const REFRESH_MS = 2_000;
const PAGE_SIZE = 20;

export function render(main) {
  const state = { filter: sessionStorage.getItem("pidgr.campaign-filter") ?? STATUSES[0], tokens: [""], timer: 0 };
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const list = h("div", { class: "table-wrap" });
  const pager = h("div", { class: "pager" });
  const filter = h("select", { id: "status-filter", onchange: () => {
    state.filter = filter.value;
    sessionStorage.setItem("pidgr.campaign-filter", state.filter);
    state.tokens = [""];
    load();
  } }, STATUSES.map((st) => h("option", { value: st, selected: st === state.filter },
    st === STATUSES[0] ? "All" : st.replace("CAMPAIGN_STATUS_", "")[0] + st.replace("CAMPAIGN_STATUS_", "").slice(1).toLowerCase())));
  show(main,
    h("div", { class: "page-head" }, h("h1", {}, "Campaigns"), h("a", { href: "#/new", class: "button primary" }, "New campaign")),
    h("div", { class: "toolbar" }, h("label", { for: "status-filter" }, "Status"), filter),
    error, list, pager);

  async function load() {
    clearTimeout(state.timer);
    const token = state.tokens[state.tokens.length - 1];
    try {
      const page = await call("CampaignService", "ListCampaigns",
        { pagination: { pageSize: PAGE_SIZE, pageToken: token }, statusFilter: state.filter });
      clearError(error);
      const campaigns = page.campaigns ?? [];
      keepingFocus(() => {
        show(list, table(campaigns, Number(page.pagination?.totalCount ?? 0)));
        show(pager, pagerButtons(page.pagination?.nextPageToken ?? ""));
      });
      if (campaigns.some((c) => c.status === "CAMPAIGN_STATUS_ACTIVE")) {
        state.timer = setTimeout(load, REFRESH_MS);
      }
    } catch (e) {
      showError(error, e);
    }
  }

  function pagerButtons(next) {
    return [
      h("button", { type: "button", id: "campaigns-previous", disabled: state.tokens.length === 1, onclick: () => { state.tokens.pop(); load(); } }, "Previous"),
      h("span", { class: "muted" }, `Page ${state.tokens.length}`),
      h("button", { type: "button", id: "campaigns-next", disabled: !next, onclick: () => { state.tokens.push(next); load(); } }, "Next"),
    ];
  }

  load();
  return () => clearTimeout(state.timer);
}

function table(campaigns, total) {
  if (!campaigns.length) {
    return h("p", { class: "empty" }, "No campaigns yet. ", h("a", { href: "#/new" }, "Create one"), ".");
  }
  return h("table", { class: "list", "aria-label": `Campaigns (${total})` },
    h("caption", { class: "muted" }, `${number(total)} campaign${total === 1 ? "" : "s"}`),
    h("thead", {}, h("tr", {}, ["Name", "Status", "Audience", "Sent", "Acknowledged", "Missed", "Created"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, campaigns.map((c) => {
      const counts = c.deliveryCounts ?? {};
      const sent = ["sent", "delivered", "acknowledged", "missed", "noDevice", "failed"].reduce((n, k) => n + (counts[k] ?? 0), 0);
      return h("tr", { "data-campaign": c.id },
        h("td", { "data-label": "Name" }, h("a", { href: `#/campaigns/${c.id}` }, c.name)),
        h("td", { "data-label": "Status" }, statusBadge(c.status)),
        h("td", { "data-label": "Audience", class: "num" }, number(c.totalRecipients)),
        h("td", { "data-label": "Sent", class: "num" }, number(sent)),
        h("td", { "data-label": "Acknowledged", class: "num" }, number(c.actionCompletedCount)),
        h("td", { "data-label": "Missed", class: "num" }, number(c.missedCount)),
        h("td", { "data-label": "Created" }, time(c.createdAt)));
    })));
}
