// One campaign: its state and actions, the workflow drawn as a graph (current step highlighted, next
// wake-up), the funnel and timeline (GetCampaignTimeline; the funnel adds No device and Failed from GetCampaign's
// counts once there are any), and its deliveries (status filter, keyset
// paging), its history and a preview for chosen members (insights.js), and a nudge while ACTIVE (nudge.js). Three
// calls per refresh, whatever the audience size, every 2 s while it is ACTIVE, and once just after the start of a
// SCHEDULED one (if within a day: a refresh meanwhile would wipe a reschedule being typed); the history is read
// again only when the campaign's version moved. A draft can be started now or scheduled (StartCampaign with
// start_at, 1 minute to 365 days ahead); a scheduled one started now or rescheduled.
import { call, newIdempotencyKey } from "../api.js";
import { h, show, number, time, statusBadge, enumLabel, announce, keepingFocus } from "../dom.js";
import { showError, clearError } from "../errors.js";
import { confirmAction } from "../confirm.js";
import { funnel, timeline, dag, STAGES, OUTCOMES, shownStages, stageLabel } from "../charts.js";
import { stepsOf } from "../workflow.js";
import { historyCard, previewCard } from "../insights.js";
import { nudgeCard } from "../nudge.js";

const REFRESH_MS = 2_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DELIVERY_STATUSES = ["DELIVERY_STATUS_UNSPECIFIED", "DELIVERY_STATUS_SENT", "DELIVERY_STATUS_DELIVERED",
  "DELIVERY_STATUS_ACKNOWLEDGED", "DELIVERY_STATUS_MISSED", "DELIVERY_STATUS_NO_DEVICE", "DELIVERY_STATUS_FAILED"];

export function render(main, [id]) {
  const state = { timer: 0, deliveryFilter: DELIVERY_STATUSES[0], tokens: [""], version: 0 };
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const head = h("div", { class: "page-head" }, h("h1", {}, "Campaign"));
  const summary = h("section", { class: "card", "aria-label": "Summary" });
  const flow = h("section", { class: "card", "aria-labelledby": "workflow-title" });
  const charts = h("section", { class: "card charts", "aria-labelledby": "progress-title" });
  const deliveries = h("section", { class: "card", "aria-labelledby": "deliveries-title" });
  const history = historyCard(id);
  const preview = previewCard(id);
  const nudge = nudgeCard(id, (campaign) => {
    state.version = Number(campaign.version);
    load();
  });
  show(main, h("p", {}, h("a", { href: "#/campaigns" }, "← Campaigns")), head, error, summary, charts, flow, deliveries,
    nudge.element, preview.element, history.element);

  async function load() {
    clearTimeout(state.timer);
    try {
      const [{ campaign }, line, page] = await Promise.all([
        call("CampaignService", "GetCampaign", { id }, { minVersion: state.version }),
        call("CampaignService", "GetCampaignTimeline", { id }),
        call("CampaignService", "ListDeliveries", { campaignId: id, statusFilter: state.deliveryFilter,
          pagination: { pageSize: 20, pageToken: state.tokens[state.tokens.length - 1] } }),
      ]);
      clearError(error);
      keepingFocus(() => renderCampaign(campaign, line, page));
      history.refresh(campaign.version);
      nudge.update(campaign);
      if (campaign.status === "CAMPAIGN_STATUS_ACTIVE") {
        state.timer = setTimeout(load, REFRESH_MS);
      } else if (campaign.status === "CAMPAIGN_STATUS_SCHEDULED") {
        const wait = Date.parse(campaign.scheduledStartAt) - Date.now() + REFRESH_MS;
        if (wait < DAY_MS) {
          state.timer = setTimeout(load, Math.max(REFRESH_MS, wait));
        }
      }
    } catch (e) {
      showError(error, e);
    }
  }

  function renderCampaign(c, line, page) {
    show(head, h("h1", {}, c.name), statusBadge(c.status), actions(c));
    show(summary,
      h("dl", { class: "facts" },
        fact("Audience", number(c.totalRecipients)),
        fact("Template", h("a", { href: `#/templates/${c.templateId}` }, `version ${c.templateVersion}`)),
        fact("Sender", c.senderName || "—"),
        fact("Title", c.title || "(the template's)"),
        fact("Created", time(c.createdAt)),
        c.scheduledStartAt ? fact("Scheduled start", time(c.scheduledStartAt)) : null,
        fact("Started", time(c.startedAt) || "—"),
        fact("Ended", time(c.completedAt) || "—"),
        c.failureReason ? fact("Failure", h("span", { class: "error-text" }, c.failureReason)) : null));
    const progress = c.progress ?? {};
    show(flow, h("h2", { id: "workflow-title" }, "Workflow"),
      h("p", { class: "muted", "data-testid": "progress" },
        progress.currentStepId ? `Current step: ${progress.currentStepId} since ${time(progress.stepEnteredAt)}` : "No step running",
        progress.nextWakeUpAt ? ` · next wake-up ${time(progress.nextWakeUpAt)}` : ""),
      h("div", { class: "scroll-x" }, dag(stepsOf(c.workflow), progress.currentStepId)));
    const points = line.points ?? [];
    const counts = c.deliveryCounts ?? {};
    const totals = Object.fromEntries([...STAGES.map((k) => [k, points.reduce((n, p) => n + (p[k] ?? 0), 0)]),
      ...OUTCOMES.map((k) => [k, counts[k] ?? 0])]);
    const bucket = Number.parseFloat(line.bucket ?? "1s");
    show(charts, h("h2", { id: "progress-title" }, "Progress"),
      h("div", { class: "chart-pair" },
        h("figure", {}, h("figcaption", {}, "Funnel: deliveries that reached each state"), funnel(totals)),
        h("figure", {}, h("figcaption", {}, `Timeline (cumulative, ${bucket} s buckets)`), timeline(points, bucket))),
      h("dl", { class: "facts totals", "aria-label": "Totals" }, shownStages(totals).map((k) => fact(stageLabel(k),
        h("span", { "data-total": k }, number(totals[k]))))));
    show(deliveries, h("h2", { id: "deliveries-title" }, "Deliveries"), deliveryFilter(), deliveryTable(page));
  }

  function actions(c) {
    const buttons = h("div", { class: "actions" });
    if (c.status === "CAMPAIGN_STATUS_CREATED" || c.status === "CAMPAIGN_STATUS_SCHEDULED") {
      buttons.append(h("button", { type: "button", id: "start", class: "primary", onclick: () => act(c, "StartCampaign",
        { title: "Start this campaign now?", text: `${c.name} will notify ${number(c.totalRecipients)} recipients now.`,
          confirm: "Start" }) }, c.status === "CAMPAIGN_STATUS_SCHEDULED" ? "Start now" : "Start"));
      buttons.append(scheduler(c));
    }
    if (c.status !== "CAMPAIGN_STATUS_COMPLETED" && c.status !== "CAMPAIGN_STATUS_FAILED"
        && c.status !== "CAMPAIGN_STATUS_CANCELLED") {
      buttons.append(h("button", { type: "button", id: "cancel", class: "danger", onclick: () => act(c, "CancelCampaign",
        { title: "Cancel this campaign?", text: `No further step of ${c.name} will run. This cannot be undone.`, confirm: "Cancel campaign",
          danger: true }) }, "Cancel"));
    }
    return buttons;
  }

  /** A local date and time and a Schedule button: StartCampaign with start_at (1 minute to 365 days ahead). */
  function scheduler(c) {
    const input = h("input", { type: "datetime-local", id: "start-at", "aria-label": "Start at (your time)",
      // The server takes 1 minute to 365 days ahead; a value is whole minutes, so the earliest is 2 minutes on.
      min: localDateTime(Date.now() + 2 * MINUTE_MS), max: localDateTime(Date.now() + 365 * DAY_MS) });
    const schedule = h("button", { type: "button", id: "schedule", onclick: () => {
      const at = input.value ? new Date(input.value) : null;
      if (!at || Number.isNaN(at.getTime())) {
        showError(error, new Error("Choose when to start (at least a minute from now)."));
        return;
      }
      act(c, "StartCampaign", { title: "Schedule this campaign?",
        text: `${c.name} will notify ${number(c.totalRecipients)} recipients at ${at.toLocaleString()}.`,
        confirm: "Schedule" }, { startAt: at.toISOString() });
    } }, c.status === "CAMPAIGN_STATUS_SCHEDULED" ? "Reschedule" : "Schedule");
    return h("span", { class: "schedule" }, input, schedule);
  }

  async function act(c, method, question, extra = {}) {
    if (!(await confirmAction(question))) {
      return;
    }
    try {
      const { campaign } = await call("CampaignService", method, { id: c.id, expectedVersion: c.version, ...extra },
        { idempotencyKey: newIdempotencyKey() });
      state.version = Number(campaign.version);
      announce(`${c.name}: ${enumLabel(campaign.status, "CAMPAIGN_STATUS_")}`);
      load();
    } catch (e) {
      showError(error, e);
    }
  }

  function deliveryFilter() {
    const select = h("select", { id: "delivery-filter", onchange: () => {
      state.deliveryFilter = select.value;
      state.tokens = [""];
      load();
    } }, DELIVERY_STATUSES.map((st) => h("option", { value: st, selected: st === state.deliveryFilter },
      st === DELIVERY_STATUSES[0] ? "All" : enumLabel(st, "DELIVERY_STATUS_"))));
    return h("div", { class: "toolbar" }, h("label", { for: "delivery-filter" }, "Status"), select);
  }

  function deliveryTable(page) {
    const rows = page.deliveries ?? [];
    const next = page.pagination?.nextPageToken ?? "";
    const total = Number(page.pagination?.totalCount ?? 0);
    return [
      rows.length ? h("div", { class: "table-wrap" }, h("table", { class: "list" },
        h("caption", { class: "muted" }, `${number(total)} deliveries`),
        h("thead", {}, h("tr", {}, ["User", "Status", "Sent", "Read", "Acknowledged", "Reminders"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, rows.map((d) => h("tr", {},
          h("td", { "data-label": "User" }, d.userId),
          h("td", { "data-label": "Status" }, enumLabel(d.status, "DELIVERY_STATUS_")),
          h("td", { "data-label": "Sent" }, time(d.sentAt)),
          h("td", { "data-label": "Read" }, time(d.readAt) || "—"),
          h("td", { "data-label": "Acknowledged" }, time(d.acknowledgedAt) || "—"),
          h("td", { "data-label": "Reminders", class: "num" }, number(d.reminderCount))))))) :
        h("p", { class: "empty" }, "No deliveries", state.deliveryFilter === DELIVERY_STATUSES[0] ? " yet: they appear as notifications are sent." : " in this status."),
      h("div", { class: "pager" },
        h("button", { type: "button", id: "deliveries-previous", disabled: state.tokens.length === 1, onclick: () => { state.tokens.pop(); load(); } }, "Previous"),
        h("span", { class: "muted" }, `Page ${state.tokens.length}`),
        h("button", { type: "button", id: "deliveries-next", disabled: !next, onclick: () => { state.tokens.push(next); load(); } }, "Next")),
    ];
  }

  load();
  return () => clearTimeout(state.timer);
}

/** A moment as a datetime-local value ("2026-12-04T09:30") in this browser's time zone. */
function localDateTime(ms) {
  const d = new Date(ms);
  const two = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

function fact(term, value) {
  return h("div", {}, h("dt", {}, term), h("dd", {}, value));
}
