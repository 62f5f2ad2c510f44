// A template preview: Mustache's variables filled in with the values given (a variable's default,
// else its name in angle brackets), sections kept when their variable has a value. The result is
// shown as text, never as HTML. Pure.

const TAG = /\{\{\s*([#^/!&{]?)\s*([\w.-]*)\s*\}?\}\}/g;

export function preview(body, values) {
  const out = [];
  const sections = [];
  let last = 0;
  for (const match of body.matchAll(TAG)) {
    if (sections.every((s) => s.show)) {
      out.push(body.slice(last, match.index));
    }
    last = match.index + match[0].length;
    const [, kind, name] = match;
    if (kind === "#" || kind === "^") {
      const has = Boolean(values[name]);
      sections.push({ name, show: kind === "#" ? has : !has });
    } else if (kind === "/") {
      sections.pop();
    } else if (kind !== "!" && sections.every((s) => s.show)) {
      out.push(values[name] ?? `<${name}>`);
    }
  }
  out.push(body.slice(last));
  return out.join("");
}

/** The variable names a body uses ({{name}}, {{{name}}}, {{#name}}), in order of appearance. */
export function placeholders(text) {
  const names = [];
  for (const [, kind, name] of text.matchAll(TAG)) {
    if (name && kind !== "!" && kind !== "/" && !names.includes(name)) {
      names.push(name);
    }
  }
  return names;
}
