// Checks docs/configuration.md against the code: the `pidgr serve` table row by row (flag, variable,
// default, meaning, in ServeCommand's order), the table of every other command (its flags in
// declaration order, their variables and literal defaults), the metric families the code
// registers, the PIDGR_* variables logback reads, and that the page's links lead somewhere.
// Pure: texts in, problems out.

/**
 * @param {string} text     docs/configuration.md
 * @param {object} context  {options: parseServeOptions(...), logVariables: parseLogVariables(...),
 *                           commands: readOtherCommands(), undocumentedCommands: readUndocumentedCommands(),
 *                           meterFamilies: readMeterFamilies(),
 *                           linkTargets: {"operations.md": its text, ...} (the files the page links to, by
 *                           path relative to docs/; a file missing here is a broken link)}
 * @returns {string[]} problems
 */
export function checkConfigurationDoc(text, context) {
  const { options, logVariables, commands, undocumentedCommands, meterFamilies, linkTargets } = context;
  const problems = [];
  checkOptionsTable("serve", table(section(text, "## `pidgr serve`")), options.map((o) => ({ ...o, strict: true })), problems);
  for (const { command, heading, options: flags } of commands) {
    const body = section(text, heading);
    if (body === null) {
      problems.push(`${command}: no section "${heading}"`);
      continue;
    }
    checkOptionsTable(command, table(body), flags, problems);
  }
  for (const file of undocumentedCommands) {
    problems.push(`${file} declares options, but the checker does not know its section: add it to OTHER_COMMANDS in lib/serve-options.mjs and document it`);
  }
  checkMetrics(section(text, "## Metrics and readiness"), meterFamilies, problems);
  const environment = table(section(text, "## Environment variables"))?.rows ?? [];
  for (const { variable, defaultValue } of logVariables) {
    const row = environment.find((r) => r[0] === `\`${variable}\``);
    if (!row) {
      problems.push(`${variable} is not in the environment variables table`);
    } else if (defaultValue && !row.join(" ").includes(`\`${defaultValue}\` (default)`)) {
      problems.push(`${variable} defaults to ${defaultValue}; its row must say \`${defaultValue}\` (default)`);
    }
  }
  checkLinks(text, linkTargets, problems);
  return problems;
}

/**
 * One command's table: a row per flag, in declaration order, nothing else. A flag that reads a
 * PIDGR_* variable names it in the variable column; a literal default is the start of the default
 * cell (serve's, being `strict`, are exactly the value, or "none"); a required flag says "required".
 */
function checkOptionsTable(command, found, options, problems) {
  if (!found) {
    problems.push(`${command}: no table of its options (| flag | ... | default | meaning |)`);
    return;
  }
  const { columns, rows } = found;
  const [flagAt, variableAt, defaultAt, meaningAt] = ["flag", "variable", "default", "meaning"].map((c) => columns.indexOf(c));
  if (flagAt < 0 || defaultAt < 0 || meaningAt < 0) {
    problems.push(`${command}: its table needs the columns flag, default and meaning (has ${columns.join(", ")})`);
    return;
  }
  const documented = rows.filter((r) => r[flagAt]?.startsWith("`--"));
  const declared = options.map((o) => `\`${o.flag}\``);
  for (const option of options) {
    const row = documented.find((r) => r[flagAt] === `\`${option.flag}\``);
    const name = option.variable ? `${option.flag} (${option.variable})` : option.flag;
    if (!row) {
      problems.push(`${command}: ${name} is not documented in its table`);
      continue;
    }
    if (option.variable && row[variableAt] !== `\`${option.variable}\``) {
      problems.push(`${command}: ${option.flag} reads ${option.variable}, the table says ${variableAt < 0 ? "nothing (no variable column)" : row[variableAt] || "nothing"}`);
    }
    const problem = defaultProblem(option, row[defaultAt]);
    if (problem) {
      problems.push(`${command}: ${option.flag} ${problem}`);
    }
    if (!row[meaningAt]) {
      problems.push(`${command}: ${option.flag} has no meaning`);
    }
  }
  for (const row of documented) {
    if (!declared.includes(row[flagAt])) {
      problems.push(`${command}: the table documents ${row[flagAt]}, which the code does not declare`);
    }
  }
  const order = documented.map((r) => declared.indexOf(r[flagAt])).filter((i) => i >= 0);
  for (let i = 1; i < order.length; i++) {
    if (order[i] < order[i - 1]) {
      problems.push(`${command}: ${declared[order[i]]} comes after ${declared[order[i - 1]]} in the table, but the code declares it before`);
    }
  }
}

/** What is wrong with a default cell, or null. */
function defaultProblem({ defaultValue, required, strict }, cell) {
  if (required) {
    return cell === "required" ? null : `is required, the table says ${cell || "nothing"}`;
  }
  if (strict) {
    const expected = defaultValue === null || defaultValue === "" ? "none" : `\`${defaultValue}\``;
    return cell === expected ? null : `defaults to ${expected}, the table says ${cell || "nothing"}`;
  }
  if (defaultValue) {
    return cell === `\`${defaultValue}\`` || cell?.startsWith(`\`${defaultValue}\` `) ? null : `defaults to ${defaultValue}, the table says ${cell || "nothing"}`;
  }
  return cell ? null : "has an empty default cell (say what happens without it)";
}

/** Every family the code registers is in the table, under its Prometheus name; every pidgr_ name there exists. */
function checkMetrics(body, families, problems) {
  if (body === null) {
    problems.push('no section "## Metrics and readiness"');
    return;
  }
  if (!body.includes("`GET /ready`")) {
    problems.push("Metrics and readiness: `GET /ready` is not described");
  }
  const documented = (table(body)?.rows ?? []).map((r) => r[0]);
  for (const family of families) {
    if (!documented.includes(`\`${family.prometheus}\``)) {
      problems.push(`Metrics and readiness: ${family.prometheus} (${family.type} ${family.name}) has no row in the table`);
    }
  }
  const known = new Set(families.flatMap((f) => [f.prometheus, ...["_count", "_sum", "_max"].map((s) => f.prometheus + s)]));
  for (const [name] of new Set(body.matchAll(/\bpidgr_[a-z0-9_]+/g))) {
    if (!known.has(name)) {
      problems.push(`Metrics and readiness: names ${name}, which the code does not register`);
    }
  }
}

/** Relative links: the file exists (is in linkTargets) and the #anchor is one of its headings. */
function checkLinks(text, linkTargets, problems) {
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) {
      continue;
    }
    const [file, anchor] = target.split("#");
    const linked = file === "" ? text : linkTargets[file];
    if (linked === undefined) {
      problems.push(`link ${target}: there is no file ${file} next to docs/configuration.md`);
    } else if (anchor !== undefined && !headingSlugs(linked).includes(anchor)) {
      problems.push(`link ${target}: ${file || "this page"} has no heading #${anchor}`);
    }
  }
}

/** The anchors GitHub gives a markdown file's headings: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlugs(markdown) {
  const seen = new Map();
  return [...markdown.replace(/^```[\s\S]*?^```/gm, "").matchAll(/^#{1,6} +(.+?) *#* *$/gm)].map(([, heading]) => {
    const slug = heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/ /g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    return count === 0 ? slug : `${slug}-${count}`;
  });
}

/** The text under `heading` up to the next level-2 heading, or null when there is no such heading. */
function section(text, heading) {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) {
    return null;
  }
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The first markdown table of `text`: its lower-cased column names and body rows as trimmed cells; null when none. */
function table(text) {
  const lines = (text ?? "").split("\n");
  const start = lines.findIndex((line, i) => line.startsWith("|") && /^\|[-:| ]+\|$/.test(lines[i + 1] ?? ""));
  if (start < 0) {
    return null;
  }
  const body = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith("|"); i++) {
    body.push(cells(lines[i]));
  }
  return { columns: cells(lines[start]).map((c) => c.toLowerCase()), rows: body };
}

function cells(line) {
  return line.slice(1, line.endsWith("|") ? -1 : undefined).split(/(?<!\\)\|/).map((c) => c.trim());
}
