// Building the page: every piece of text goes in as a text node, never as HTML, so names such as
// <img src=x onerror=alert(1)> stay text. Attributes are set one by one; event handlers are functions.

/** An element: h("a", { href: "#/x", class: "c", onclick: fn }, "text", child, [more]). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElementNS(tag === "svg" || attributes.svg ? SVG : HTML, tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false || name === "svg") {
      continue;
    }
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

/** An SVG element (inside an <svg>). */
export function s(tag, attributes = {}, ...children) {
  return h(tag, { ...attributes, svg: true }, ...children);
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces what `element` shows. */
export function show(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

/**
 * Runs `render` (which replaces part of the page) and gives the focus back to the control that had
 * it, found again by its id: a page refreshing itself every 2 s must not pull a keyboard user out.
 */
export function keepingFocus(render) {
  const id = document.activeElement?.id;
  render();
  if (id && document.activeElement?.id !== id) {
    document.getElementById(id)?.focus({ preventScroll: true });
  }
}

/** Tells screen readers (and tests) what just happened. */
export function announce(text) {
  const region = document.getElementById("announce");
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 50);
}

const HTML = "http://www.w3.org/1999/xhtml";
const SVG = "http://www.w3.org/2000/svg";

const NUMBER = new Intl.NumberFormat("en");

export function number(value) {
  return NUMBER.format(Number(value ?? 0));
}

/** A protobuf JSON timestamp ("2026-12-04T09:00:00Z") as local date and time, or "" when unset. */
export function time(value) {
  if (!value) {
    return "";
  }
  const date = new Date(value);
  return date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" });
}

/** "CAMPAIGN_STATUS_ACTIVE" -> "Active". */
export function enumLabel(value, prefix) {
  const name = String(value ?? "").replace(prefix, "").toLowerCase().replaceAll("_", " ");
  return name ? name[0].toUpperCase() + name.slice(1) : "";
}

export function statusBadge(status) {
  const label = enumLabel(status, "CAMPAIGN_STATUS_") || "Unknown";
  return h("span", { class: `badge badge-${label.toLowerCase()}` }, label);
}

/** A <label> + control pair, with a place for the field's violation right under it. */
export function field(id, label, control, hint) {
  control.id = id;
  const error = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  control.setAttribute("aria-describedby", `${id}-error${hint ? ` ${id}-hint` : ""}`);
  return h("div", { class: "field", "data-field": id },
    h("label", { for: id }, label),
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
    control, error);
}
