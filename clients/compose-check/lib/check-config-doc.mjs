// Checks docs/configuration.md against the code: the `pidgr serve` table row by row (flag, variable,
// default, in ServeCommand's order), the defaults of the `pidgr dev` table, and that every flag of
// the other commands and every PIDGR_* variable logback reads is named. Pure: texts in, problems out.

/**
 * @param {string} text     docs/configuration.md
 * @param {object} context  {options: parseServeOptions(...), logVariables: parseLogVariables(...),
 *                           otherFlags: readOtherFlags()}
 * @returns {string[]} problems
 */
export function checkConfigurationDoc(text, { options, logVariables, otherFlags }) {
  const problems = [];
  checkServeTable(rows(section(text, "## `pidgr serve`")), options, problems);
  const devRows = rows(section(text, "## `pidgr dev`"));
  for (const { command, flag, defaultValue } of otherFlags) {
    if (!text.includes(`\`${flag}\``)) {
      problems.push(`${command}: ${flag} is not documented`);
    } else if (command === "pidgr dev") {
      const row = devRows.find((r) => r[0] === `\`${flag}\``);
      if (!row) {
        problems.push(`pidgr dev: ${flag} has no row in the pidgr dev table`);
      } else if (defaultValue !== null && row[1] !== `\`${defaultValue}\``) {
        problems.push(`pidgr dev: ${flag} defaults to ${defaultValue}, the table says ${row[1]}`);
      }
    }
  }
  const environment = rows(section(text, "## Environment variables"));
  for (const { variable, defaultValue } of logVariables) {
    const row = environment.find((r) => r[0] === `\`${variable}\``);
    if (!row) {
      problems.push(`${variable} is not in the environment variables table`);
    } else if (defaultValue && !row.join(" ").includes(`\`${defaultValue}\` (default)`)) {
      problems.push(`${variable} defaults to ${defaultValue}; its row must say \`${defaultValue}\` (default)`);
    }
  }
  return problems;
}

function checkServeTable(tableRows, options, problems) {
  const documented = tableRows.filter((r) => r[0].startsWith("`--"));
  if (documented.length === 0) {
    problems.push("no `pidgr serve` table (| flag | variable | default | meaning |)");
    return;
  }
  options.forEach((option, index) => {
    const expected = [`\`${option.flag}\``, `\`${option.variable}\``, defaultCell(option.defaultValue)];
    const row = documented.find((r) => r[0] === expected[0]);
    if (!row) {
      problems.push(`serve: ${option.flag} (${option.variable}) is not in the table`);
      return;
    }
    if (row[1] !== expected[1]) {
      problems.push(`serve: ${option.flag} reads ${option.variable}, the table says ${row[1]}`);
    }
    if (row[2] !== expected[2]) {
      problems.push(`serve: ${option.flag} defaults to ${expected[2]}, the table says ${row[2]}`);
    }
    if (!row[3]) {
      problems.push(`serve: ${option.flag} has no meaning`);
    }
    if (documented.indexOf(row) !== index) {
      problems.push(`serve: ${option.flag} is row ${documented.indexOf(row) + 1}; ServeCommand declares it ${index + 1}th`);
    }
  });
  for (const row of documented) {
    if (!options.some((o) => `\`${o.flag}\`` === row[0])) {
      problems.push(`serve: the table documents ${row[0]}, which ServeCommand does not have`);
    }
  }
}

/** How the table shows a default: the value in backticks, or "none" when there is none or it is empty. */
function defaultCell(value) {
  return value === null || value === "" ? "none" : `\`${value}\``;
}

function section(text, heading) {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) {
    return "";
  }
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The body rows of the markdown tables in `text`, as trimmed cells. */
function rows(text) {
  return text.split("\n")
    .filter((line) => line.startsWith("|") && !/^\|[-| ]+\|$/.test(line))
    .map((line) => line.slice(1, line.endsWith("|") ? -1 : undefined).split(/(?<!\\)\|/).map((c) => c.trim()));
}
