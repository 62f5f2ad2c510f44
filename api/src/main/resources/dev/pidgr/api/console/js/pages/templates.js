// Templates: the list (keyset paging), one template with its versions, variables and a rendered
// preview, and the form for a new one (variables found in the body, each required or with a default).
import { call, newIdempotencyKey } from "../api.js";
import { h, show, field, number, time, enumLabel, announce } from "../dom.js";
import { showError, clearError, showViolations } from "../errors.js";
import { preview, placeholders } from "../render.js";

const TYPES = ["TEMPLATE_TYPE_MARKDOWN", "TEMPLATE_TYPE_RICH", "TEMPLATE_TYPE_HTML"];

export function render(main, [which]) {
  if (which === "new") {
    return newTemplate(main);
  }
  return which ? oneTemplate(main, which) : list(main);
}

function list(main) {
  const tokens = [""];
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const body = h("div", { class: "table-wrap" });
  const pager = h("div", { class: "pager" });
  show(main, h("div", { class: "page-head" }, h("h1", {}, "Templates"), h("a", { href: "#/templates/new", class: "button primary" }, "New template")),
    error, body, pager);
  const load = async () => {
    try {
      const page = await call("TemplateService", "ListTemplates", { pagination: { pageSize: 20, pageToken: tokens[tokens.length - 1] } });
      clearError(error);
      const templates = page.templates ?? [];
      const next = page.pagination?.nextPageToken ?? "";
      show(body, templates.length ? h("table", { class: "list" },
        h("caption", { class: "muted" }, `${number(page.pagination?.totalCount ?? 0)} templates`),
        h("thead", {}, h("tr", {}, ["Name", "Type", "Version", "Updated"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, templates.map((t) => h("tr", { "data-template": t.id },
          h("td", { "data-label": "Name" }, h("a", { href: `#/templates/${t.id}` }, t.name)),
          h("td", { "data-label": "Type" }, enumLabel(t.type, "TEMPLATE_TYPE_")),
          h("td", { "data-label": "Version", class: "num" }, number(t.version)),
          h("td", { "data-label": "Updated" }, time(t.updatedAt)))))) :
        h("p", { class: "empty" }, "No templates yet. ", h("a", { href: "#/templates/new" }, "Create one"), "."));
      show(pager,
        h("button", { type: "button", disabled: tokens.length === 1, onclick: () => { tokens.pop(); load(); } }, "Previous"),
        h("span", { class: "muted" }, `Page ${tokens.length}`),
        h("button", { type: "button", disabled: !next, onclick: () => { tokens.push(next); load(); } }, "Next"));
    } catch (e) {
      showError(error, e);
    }
  };
  load();
}

function oneTemplate(main, id) {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const content = h("div");
  show(main, h("p", {}, h("a", { href: "#/templates" }, "← Templates")), error, content);
  const load = async (version) => {
    try {
      const { template: t } = await call("TemplateService", "GetTemplate", { templateId: id, version });
      clearError(error);
      const latest = version ? Number(content.dataset.latest) : t.version;
      content.dataset.latest = latest;
      const values = Object.fromEntries((t.variables ?? []).filter((v) => v.defaultValue).map((v) => [v.name, v.defaultValue]));
      const versions = h("select", { id: "template-version", onchange: () => load(Number(versions.value)) },
        Array.from({ length: latest }, (_, i) => latest - i).map((v) => h("option", { value: v, selected: v === t.version }, `version ${v}`)));
      show(content,
        h("div", { class: "page-head" }, h("h1", {}, t.name),
          h("a", { class: "button primary", href: `#/new?template=${t.id}` }, "Use in a new campaign")),
        h("section", { class: "card" },
          h("div", { class: "toolbar" }, h("label", { for: "template-version" }, "Version"), versions),
          h("dl", { class: "facts" },
            h("div", {}, h("dt", {}, "Type"), h("dd", {}, enumLabel(t.type, "TEMPLATE_TYPE_"))),
            h("div", {}, h("dt", {}, "Title"), h("dd", {}, t.title || "—")),
            h("div", {}, h("dt", {}, "Updated"), h("dd", {}, time(t.updatedAt))))),
        h("section", { class: "card" }, h("h2", {}, "Variables"), (t.variables ?? []).length ? h("table", { class: "list" },
          h("thead", {}, h("tr", {}, ["Name", "Required", "Default"].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, t.variables.map((v) => h("tr", {},
            h("td", { "data-label": "Name" }, h("code", {}, v.name)),
            h("td", { "data-label": "Required" }, v.required ? "yes" : "no"),
            h("td", { "data-label": "Default" }, v.defaultValue ?? ""))))) : h("p", { class: "empty" }, "None.")),
        h("section", { class: "card" }, h("h2", {}, "Preview"),
          h("p", { class: "hint" }, "Defaults filled in; a variable without one shows as <name>."),
          h("div", { class: "preview" },
            h("p", { class: "preview-title", "data-testid": "preview-title" }, preview(t.title ?? "", values)),
            h("pre", { class: "preview-body", "data-testid": "preview-body" }, preview(t.body, values)))),
        h("section", { class: "card" }, h("h2", {}, "Body"), h("pre", { class: "source" }, t.body)));
    } catch (e) {
      showError(error, e);
    }
  };
  load(0);
}

function newTemplate(main) {
  const idempotencyKey = newIdempotencyKey();
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const name = h("input", { type: "text", autocomplete: "off" });
  const title = h("input", { type: "text", autocomplete: "off" });
  const type = h("select", {}, TYPES.map((t) => h("option", { value: t }, enumLabel(t, "TEMPLATE_TYPE_"))));
  const body = h("textarea", { rows: 8, spellcheck: "true", placeholder: "Hello {{first_name}},\nplease acknowledge the new policy." });
  const variables = h("div", { class: "variables" });
  const submit = h("button", { type: "submit", class: "primary" }, "Create template");
  const rows = new Map();
  const refreshVariables = () => {
    const names = placeholders(`${title.value}\n${body.value}`);
    show(variables, names.length ? names.map((n) => {
      const row = rows.get(n) ?? { required: h("input", { type: "checkbox", checked: true }), value: h("input", { type: "text" }) };
      rows.set(n, row);
      return h("div", { class: "variable-row", "data-variable": n }, h("code", {}, n),
        h("label", {}, row.required, " required"),
        h("label", {}, "default ", row.value));
    }) : h("p", { class: "hint" }, "Placeholders such as {{first_name}} in the title or body appear here."));
  };
  title.addEventListener("input", refreshVariables);
  body.addEventListener("input", refreshVariables);
  const form = h("form", { class: "card form", novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const request = { name: name.value, title: title.value, type: type.value, body: body.value,
      variables: placeholders(`${title.value}\n${body.value}`).map((n) => ({
        name: n, required: rows.get(n)?.required.checked ?? true, defaultValue: rows.get(n)?.value.value ?? "" })) };
    submit.disabled = true;
    try {
      const { template } = await call("TemplateService", "CreateTemplate", request, { idempotencyKey });
      announce(`Template ${template.name} created`);
      location.hash = `#/templates/${template.id}`;
    } catch (err) {
      const unclaimed = err.violations.length ? showViolations(form, err.violations) : [];
      if (!err.violations.length || unclaimed.length) showError(error, err); else clearError(error);
    } finally {
      submit.disabled = false;
    }
  } },
  field("name", "Name", name),
  field("title", "Title", title),
  field("type", "Type", type),
  field("body", "Body", body, "Mustache placeholders: {{variable}}."),
  h("fieldset", { class: "field", "data-field": "variables" }, h("legend", {}, "Variables"), variables,
    h("p", { class: "field-error", id: "variables-error", hidden: true })),
  h("div", { class: "actions" }, submit));
  show(main, h("h1", {}, "New template"), error, form);
  refreshVariables();
}
