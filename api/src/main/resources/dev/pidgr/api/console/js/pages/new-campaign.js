// A new campaign: template and version, name, title, sender, a workflow (the default, a deadline
// chain, or JSON) and an audience pasted or uploaded as CSV or JSON (parsed here, up to 100,000
// members, with the line of each problem). The server's field violations appear next to their fields.
import { call, newIdempotencyKey } from "../api.js";
import { h, show, field, number, announce } from "../dom.js";
import { showError, clearError, showViolations } from "../errors.js";
import { parseAudience } from "../audience.js";
import { deadlineChain } from "../workflow.js";

export function render(main) {
  const idempotencyKey = newIdempotencyKey();
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const template = h("select", {}, h("option", { value: "" }, "Loading templates…"));
  const version = h("input", { type: "number", min: 0, value: 0, inputmode: "numeric" });
  const name = h("input", { type: "text", maxlength: 400, autocomplete: "off" });
  const title = h("input", { type: "text", autocomplete: "off" });
  const sender = h("input", { type: "text", autocomplete: "off" });
  const delay = h("input", { type: "text", value: "1h", size: 6, "aria-label": "Deadline delay" });
  const workflowJson = h("textarea", { rows: 8, spellcheck: "false", disabled: true,
    placeholder: '{"steps": [{"id": "send", "type": "STEP_TYPE_SEND_NOTIFICATION", "sendNotification": {}}]}' });
  const audience = h("textarea", { rows: 8, spellcheck: "false", placeholder: "user_id,first_name\nalice,Alice\nbob,Bob" });
  const upload = h("input", { type: "file", accept: ".csv,.json,text/csv,application/json", "aria-label": "Upload an audience file" });
  const audienceStatus = h("p", { class: "hint", id: "audience-status", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "primary" }, "Create campaign");
  const choice = (value, label, checked) => h("label", { class: "choice" },
    h("input", { type: "radio", name: "workflow-kind", value, checked, onchange: () => {
      workflowJson.disabled = value !== "json";
    } }), " ", label);

  const form = h("form", { class: "card form", novalidate: true, onsubmit: (e) => create(e) },
    field("template_id", "Template", template),
    field("template_version", "Template version", version, "0 pins the latest version now."),
    field("name", "Name", name),
    field("title", "Title (optional)", title, "Shown instead of the template's title."),
    field("sender_name", "Sender (optional)", sender),
    h("fieldset", { class: "field", "data-field": "workflow" },
      h("legend", {}, "Workflow"),
      choice("default", "Default: one notification", true),
      h("span", { class: "choice-row" }, choice("chain", "Deadline chain: notify, wait, remind, wait, mark missed"), " wait ", delay),
      choice("json", "JSON"),
      workflowJson,
      h("p", { class: "field-error", id: "workflow-error", hidden: true })),
    h("fieldset", { class: "field", "data-field": "audience" },
      h("legend", {}, "Audience"),
      h("p", { class: "hint" }, "CSV with a header ", h("code", {}, "user_id,var1,var2…"), ", or a JSON array of ",
        h("code", {}, '{"user_id": …, "variables": {…}}'), ". Up to 100,000 members."),
      audience, upload, audienceStatus,
      h("p", { class: "field-error", id: "audience-error", hidden: true })),
    h("div", { class: "actions" }, submit));
  show(main, h("h1", {}, "New campaign"), error, form);

  let parsed = { members: [], errors: [] };
  const reparse = () => {
    parsed = audience.value.trim() ? parseAudience(audience.value) : { members: [], errors: [] };
    show(audienceStatus, parsed.errors.length ? "" : `${number(parsed.members.length)} members`);
    showViolations(form, parsed.errors.map((e) => ({ field: "audience", description: `line ${e.line}: ${e.message}` })));
  };
  audience.addEventListener("change", reparse);
  audience.addEventListener("input", debounce(reparse, 300));
  upload.addEventListener("change", async () => {
    const file = upload.files[0];
    if (file) {
      audience.value = await file.text();
      reparse();
    }
  });

  loadTemplates(template, error);

  async function create(event) {
    event.preventDefault();
    reparse();
    if (parsed.errors.length) {
      return;
    }
    const request = {
      name: name.value, title: title.value, senderName: sender.value, templateId: template.value,
      templateVersion: Number(version.value || 0), audience: parsed.members,
    };
    const kind = form.querySelector('input[name="workflow-kind"]:checked').value;
    try {
      if (kind === "chain") request.workflow = deadlineChain(delay.value.trim());
      if (kind === "json") request.workflow = JSON.parse(workflowJson.value);
    } catch (e) {
      showViolations(form, [{ field: "workflow", description: `not valid JSON: ${e.message}` }]);
      return;
    }
    submit.disabled = true;
    try {
      const { campaign } = await call("CampaignService", "CreateCampaign", request, { idempotencyKey, timeoutMs: 60_000 });
      announce(`Campaign ${campaign.name} created`);
      location.hash = `#/campaigns/${campaign.id}`;
    } catch (e) {
      const unclaimed = e.violations.length ? showViolations(form, e.violations, fieldOf) : [];
      if (!e.violations.length || unclaimed.length) {
        showError(error, e);
      } else {
        clearError(error);
      }
      if (e.code === "failed_precondition" && /template/.test(e.message)) {
        showViolations(form, [{ field: "template_id", description: e.message }]);
      }
    } finally {
      submit.disabled = false;
    }
  }
}

/** user_ids and audience[3].user_id belong to the audience; workflow.steps[0] to the workflow. */
function fieldOf(path) {
  const first = path.split(/[.[]/)[0];
  return first === "user_ids" ? "audience" : first;
}

async function loadTemplates(select, error) {
  try {
    const { templates = [] } = await call("TemplateService", "ListTemplates", { pagination: { pageSize: 100 } });
    show(select, h("option", { value: "" }, templates.length ? "Choose a template" : "No templates: create one first"),
      templates.map((t) => h("option", { value: t.id }, `${t.name} (v${t.version})`)));
    const wanted = new URLSearchParams(location.hash.split("?")[1] ?? "").get("template");
    if (wanted) select.value = wanted;
  } catch (e) {
    showError(error, e);
  }
}

function debounce(fn, ms) {
  let timer = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
