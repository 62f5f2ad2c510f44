// An audience pasted or uploaded in the browser: CSV (a header `user_id,var1,var2...`, then one member
// per line) or JSON (an array of {"user_id", "variables"} objects, or of user ids). Checked against
// the API's limits here, with the line of each problem, before anything is sent. Pure: no DOM.

export const LIMITS = { members: 100_000, userId: 200, variables: 50, key: 100, value: 1_000 };
const MAX_ERRORS = 20;

/** { members: [{ userId, variables }], errors: [{ line, message }] } */
export function parseAudience(text) {
  const trimmed = text.trimStart();
  if (trimmed === "") {
    return { members: [], errors: [{ line: 1, message: "the audience is empty" }] };
  }
  return trimmed.startsWith("[") || trimmed.startsWith("{") ? parseJson(text) : parseCsv(text);
}

export function parseCsv(text) {
  const lines = text.split(/\r?\n/);
  const errors = [];
  const header = splitCsvLine(lines[0]);
  if (header.error || header.cells[0]?.trim() !== "user_id") {
    return { members: [], errors: [{ line: 1, message: "the first line must be the header user_id,var1,var2..." }] };
  }
  const names = header.cells.slice(1).map((n) => n.trim());
  names.forEach((name, i) => {
    if (name === "" || name.length > LIMITS.key) {
      errors.push({ line: 1, message: `column ${i + 2}: a variable name must be 1 to ${LIMITS.key} characters` });
    }
  });
  if (names.length > LIMITS.variables) {
    errors.push({ line: 1, message: `at most ${LIMITS.variables} variables per member (${names.length} columns)` });
  }
  const check = checker(errors);
  for (let i = 1; i < lines.length && errors.length < MAX_ERRORS; i++) {
    if (lines[i].trim() === "") {
      continue;
    }
    const row = splitCsvLine(lines[i]);
    if (row.error) {
      errors.push({ line: i + 1, message: row.error });
      continue;
    }
    if (row.cells.length !== names.length + 1) {
      errors.push({ line: i + 1, message: `${row.cells.length} values, the header has ${names.length + 1}` });
      continue;
    }
    const variables = {};
    names.forEach((name, c) => {
      if (row.cells[c + 1] !== "") {
        variables[name] = row.cells[c + 1];
      }
    });
    check(i + 1, row.cells[0].trim(), variables);
  }
  return { members: errors.length ? [] : check.members, errors };
}

export function parseJson(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec(e.message);
    const line = /line (\d+)/.exec(e.message);
    return { members: [], errors: [{ line: line ? Number(line[1]) : lineOf(text, at ? Number(at[1]) : 0), message: `not valid JSON: ${e.message}` }] };
  }
  if (!Array.isArray(value)) {
    return { members: [], errors: [{ line: 1, message: "a JSON audience is an array of members" }] };
  }
  const lines = linesOf(text, elementStarts(text));
  const errors = [];
  const check = checker(errors);
  value.forEach((member, i) => {
    if (errors.length >= MAX_ERRORS) {
      return;
    }
    const line = lines[i] ?? 1;
    if (typeof member === "string") {
      check(line, member, {});
    } else if (member && typeof member === "object") {
      const userId = member.user_id ?? member.userId;
      const variables = member.variables ?? {};
      if (typeof userId !== "string") {
        errors.push({ line, message: `member ${i + 1}: user_id must be a string` });
      } else if (typeof variables !== "object" || Array.isArray(variables) || Object.values(variables).some((v) => typeof v !== "string")) {
        errors.push({ line, message: `member ${i + 1}: variables must be an object of strings` });
      } else {
        check(line, userId, variables);
      }
    } else {
      errors.push({ line, message: `member ${i + 1}: a user id or an object with user_id` });
    }
  });
  return { members: errors.length ? [] : check.members, errors };
}

/** Checks one member against the limits and uniqueness; keeps it when it passes. */
function checker(errors) {
  const seen = new Map();
  const members = [];
  const check = (line, userId, variables) => {
    const before = errors.length;
    if (userId.length < 1 || userId.length > LIMITS.userId) {
      errors.push({ line, message: `user_id must be 1 to ${LIMITS.userId} characters` });
    } else if (seen.has(userId)) {
      errors.push({ line, message: `user_id ${userId} repeats line ${seen.get(userId)}` });
    }
    const entries = Object.entries(variables);
    if (entries.length > LIMITS.variables) {
      errors.push({ line, message: `at most ${LIMITS.variables} variables per member` });
    }
    for (const [key, value] of entries) {
      if (key.length < 1 || key.length > LIMITS.key) {
        errors.push({ line, message: `variable name ${key} must be 1 to ${LIMITS.key} characters` });
      } else if (value.length > LIMITS.value) {
        errors.push({ line, message: `${key}: at most ${LIMITS.value} characters` });
      }
    }
    if (members.length >= LIMITS.members) {
      errors.push({ line, message: `at most ${number(LIMITS.members)} members` });
    }
    if (errors.length === before) {
      seen.set(userId, line);
      members.push({ userId, variables });
    }
  };
  check.members = members;
  return check;
}

/** One CSV line: cells, with "quoted, fields" and "" for a quote inside them. */
export function splitCsvLine(line) {
  const cells = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"' && cell === "") {
      quoted = true;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else {
      cell += c;
    }
  }
  if (quoted) {
    return { cells: [], error: "a quoted value is not closed on this line" };
  }
  cells.push(cell);
  return { cells };
}

/** Offsets where each element of the top-level array begins. */
function elementStarts(text) {
  const starts = [];
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expecting && !/\s|,|\]/.test(c)) {
      starts.push(i);
      expecting = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") { depth++; if (depth === 1) expecting = true; }
    else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expecting = true;
  }
  return starts;
}

/** The line of each of the increasing `offsets`, in one pass. */
function linesOf(text, offsets) {
  const lines = [];
  let line = 1;
  let at = 0;
  for (const offset of offsets) {
    for (; at < offset; at++) {
      if (text.charCodeAt(at) === 10) line++;
    }
    lines.push(line);
  }
  return lines;
}

function lineOf(text, offset) {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") line++;
  }
  return line;
}

function number(n) {
  return new Intl.NumberFormat("en").format(n);
}
