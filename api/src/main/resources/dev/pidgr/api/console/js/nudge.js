// The campaign page's nudge (NudgeCampaign): a small form for the selector (statuses SENT and DELIVERED, unread
// only, user ids) and the rate, shown while the campaign is ACTIVE. The card keeps its own state, so the page's
// 2 s refresh neither clears what is being typed nor the last answer: how many deliveries matched, or why the nudge
// was refused (each field violation under its field, anything else, such as FAILED_PRECONDITION, above the form).
import { call, newIdempotencyKey } from "./api.js";
import { h, show, field, number, announce } from "./dom.js";
import { showError, clearError, showViolations } from "./errors.js";

/** The form's fields by the request field a violation names (user_ids[3] belongs to user_ids). */
const FIELDS = { statuses: "nudge-statuses", user_ids: "nudge-users", rate_per_second: "nudge-rate" };

/**
 * The NudgeCampaign request for the form's values, or the violations that keep it from being sent (pure). The
 * bounds (at most 1,000 users, a rate of 1 to 10,000) are the server's; only what JSON cannot carry is caught here.
 */
export function nudgeRequest(id, { sent, delivered, unreadOnly, users, rate }) {
  const violations = [];
  const statuses = [sent && "DELIVERY_STATUS_SENT", delivered && "DELIVERY_STATUS_DELIVERED"].filter(Boolean);
  if (!statuses.length) {
    violations.push({ field: "statuses", description: "choose Sent, Delivered or both" });
  }
  const request = { id, statuses, unreadOnly, userIds: users.split(/[\s,]+/).filter((u) => u) };
  const text = String(rate ?? "").trim();
  if (text && !/^\d+$/.test(text)) {
    violations.push({ field: "rate_per_second", description: "a whole number of reminders a second" });
  } else if (text) {
    request.ratePerSecond = Number(text);
  }
  return { request, violations };
}

/**
 * Whether a retry may reuse the idempotency key of a nudge that failed with `error`: only when the nudge may have
 * been taken without its answer arriving (pure). After any other answer the same key would only repeat that
 * answer for 24 hours, so the next submit gets a new key.
 */
export function keepsKey(error) {
  return error.code === "unavailable" || error.code === "deadline_exceeded";
}

/** The nudge card; `update(campaign)` shows it only while the campaign is ACTIVE. */
export function nudgeCard(id, onNudged) {
  let idempotencyKey = newIdempotencyKey();
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const sent = h("input", { type: "checkbox", id: "nudge-sent", checked: true });
  const delivered = h("input", { type: "checkbox", id: "nudge-delivered", checked: true });
  const unread = h("input", { type: "checkbox", id: "nudge-unread" });
  const users = h("input", { type: "text", autocomplete: "off", placeholder: "everyone, or: alice bob" });
  const rate = h("input", { type: "number", min: 1, max: 10000, step: 1, placeholder: "1000", inputmode: "numeric" });
  const submit = h("button", { type: "submit", id: "nudge" }, "Nudge");
  const result = h("p", { id: "nudge-result", role: "status", hidden: true });
  const form = h("form", { class: "form", novalidate: true, onsubmit: (e) => { e.preventDefault(); nudge(); } },
    h("fieldset", { class: "field", "data-field": "nudge-statuses" },
      h("legend", {}, "Deliveries"),
      h("span", { class: "choice-row" },
        h("label", { class: "choice" }, sent, " Sent"),
        h("label", { class: "choice" }, delivered, " Delivered"),
        h("label", { class: "choice" }, unread, " Unread only")),
      h("p", { class: "field-error", id: "nudge-statuses-error", hidden: true })),
    field("nudge-users", "Recipients (optional)", users, "User ids separated by spaces or commas, at most 1,000."),
    field("nudge-rate", "Reminders a second (optional)", rate, "1 to 10,000; 1,000 if empty."),
    h("div", { class: "actions" }, submit));
  const element = h("section", { class: "card", "aria-labelledby": "nudge-title", hidden: true },
    h("h2", { id: "nudge-title" }, "Nudge"),
    h("p", { class: "muted" }, "Remind now, once each, the deliveries that match; acknowledged or missed ones are ",
      "skipped. One nudge at a time."),
    error, form, result);
  form.addEventListener("input", () => { idempotencyKey = newIdempotencyKey(); });

  async function nudge() {
    const { request, violations } = nudgeRequest(id, { sent: sent.checked, delivered: delivered.checked,
      unreadOnly: unread.checked, users: users.value, rate: rate.value });
    showViolations(form, placed(violations), fieldOf);
    if (violations.length) {
      return;
    }
    submit.disabled = true;
    try {
      const { campaign, matched = 0 } = await call("CampaignService", "NudgeCampaign", request, { idempotencyKey });
      idempotencyKey = newIdempotencyKey();
      clearError(error);
      result.hidden = false;
      show(result, h("strong", { "data-matched": matched }, `${number(matched)} matched`),
        `: each gets one reminder, ${number(request.ratePerSecond ?? 1000)} a second, unless acknowledged or missed `,
        "before its turn.");
      announce(`Nudge: ${number(matched)} matched`);
      onNudged(campaign);
    } catch (e) {
      idempotencyKey = keepsKey(e) ? idempotencyKey : newIdempotencyKey();
      result.hidden = true;
      const unclaimed = showViolations(form, placed(e.violations ?? []), fieldOf);
      if (!e.violations?.length || unclaimed.length) {
        showError(error, e);
      } else {
        clearError(error);
      }
    } finally {
      submit.disabled = false;
    }
  }

  return {
    element,
    update(campaign) {
      element.hidden = campaign.status !== "CAMPAIGN_STATUS_ACTIVE";
    },
  };
}

/** A violation of a whole field is shown as its description alone; user_ids[3] keeps its path (which id). */
function placed(violations) {
  return violations.map((v) => ({ field: FIELDS[v.field] ?? v.field, description: v.description }));
}

function fieldOf(path) {
  const name = path.split(/[.[]/)[0];
  return FIELDS[name] ?? name;
}
