// The options of `pidgr serve`, read from ServeCommand.java itself, so that the checks can never
// drift from the code: flag, PIDGR_* variable, default, Java type, and which roles require it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const SERVE_COMMAND = "app/src/main/java/dev/pidgr/app/serve/ServeCommand.java";
export const LOGBACK = "app/src/main/resources/logback.xml";
export const ROLES = ["api", "command", "workflow", "query"];

const OPTION = /@Option\(\s*names\s*=\s*(\{[^}]*\}|"[^"]*")\s*,\s*defaultValue\s*=\s*"([^"]*)"\s*,\s*description\s*=\s*"((?:[^"\\]|\\.)*)"\s*\)\s*(\w+)\s+(\w+)\s*;/g;
const ENV_DEFAULT = /^\$\{env:(PIDGR_[A-Z0-9_]+)(?::-(.*))?\}$/;

/**
 * Every @Option of ServeCommand, in source order:
 * {flag, variable, defaultValue (string, "" or null when there is none), type, field, description, requiredFor}
 * where requiredFor is null, "all", or the roles named by "required for api and query".
 */
export function parseServeOptions(source) {
  const options = [];
  for (const match of source.matchAll(OPTION)) {
    const [, names, defaultValue, rawDescription, type, field] = match;
    const flag = names.match(/"(--[^"]+)"/)?.[1];
    const env = defaultValue.match(ENV_DEFAULT);
    if (!flag || !env) {
      throw new Error(`${SERVE_COMMAND}: cannot read the option of field ${field} (names ${names}, default ${defaultValue})`);
    }
    const description = rawDescription.replace(/\\"/g, '"');
    options.push({
      flag,
      variable: env[1],
      defaultValue: env[2] === undefined ? null : env[2],
      type,
      field,
      description,
      requiredFor: requiredFor(description),
    });
  }
  const declared = (source.match(/@Option\(/g) ?? []).length;
  if (declared === 0 || declared !== options.length) {
    throw new Error(`${SERVE_COMMAND}: read ${options.length} of ${declared} @Option declarations; teach serve-options.mjs the new form`);
  }
  return options;
}

function requiredFor(description) {
  const match = description.match(/\brequired(?: for ([a-z, ]+?))?\)/);
  if (!match) {
    return null;
  }
  if (!match[1]) {
    return "all";
  }
  return match[1].split(/,|\band\b/).map((s) => s.trim()).filter(Boolean);
}

/** The PIDGR_* variables logback.xml reads (e.g. PIDGR_LOG_LEVEL), with their defaults. */
export function parseLogVariables(xml) {
  return [...xml.matchAll(/\$\{(PIDGR_[A-Z0-9_]+)(?::-([^}]*))?\}/g)].map(([, variable, defaultValue]) => ({
    variable,
    defaultValue: defaultValue ?? null,
  }));
}

export function readServeOptions(root = ROOT) {
  return parseServeOptions(readFileSync(join(root, SERVE_COMMAND), "utf8"));
}

export function readLogVariables(root = ROOT) {
  return parseLogVariables(readFileSync(join(root, LOGBACK), "utf8"));
}

/** Commands whose flags docs/configuration.md must name, besides serve. */
export const OTHER_COMMANDS = {
  "pidgr dev": "app/src/main/java/dev/pidgr/app/dev/DevCommand.java",
  "client commands": "app/src/main/java/dev/pidgr/app/cli/ClientOptions.java",
  "inbox commands": "app/src/main/java/dev/pidgr/app/cli/RecipientOptions.java",
  "pidgr token": "app/src/main/java/dev/pidgr/app/TokenCommand.java",
  "pidgr events tail": "app/src/main/java/dev/pidgr/app/ops/EventsTailCommand.java",
};
const DEV_INFRA = "embedded/src/main/java/dev/pidgr/embedded/DevInfra.java";

/**
 * The long flags of the other commands: [{command, flag, defaultValue}], defaults with constants of
 * DevInfra resolved (e.g. "" + DevInfra.DEFAULT_KAFKA_PORT) and null when there is none.
 */
export function readOtherFlags(root = ROOT) {
  const constants = Object.fromEntries([...readFileSync(join(root, DEV_INFRA), "utf8")
    .matchAll(/static final int (\w+) = (\d+);/g)].map(([, name, value]) => [name, value]));
  const flags = [];
  for (const [command, file] of Object.entries(OTHER_COMMANDS)) {
    const source = readFileSync(join(root, file), "utf8");
    for (const [, names, rest] of source.matchAll(/@Option\(\s*names\s*=\s*(\{[^}]*\}|"[^"]*")([^)]*)\)/g)) {
      const flag = names.match(/"(--[^"]+)"/)?.[1];
      const raw = rest.match(/defaultValue\s*=\s*("[^"]*"(?:\s*\+\s*[\w.]+)?)/)?.[1] ?? null;
      const defaultValue = raw === null ? null : raw.replace(/^"([^"]*)"(?:\s*\+\s*(?:DevInfra\.)?(\w+))?$/, (_, literal, constant) => literal + (constant ? constants[constant] ?? `?${constant}` : ""));
      if (flag) {
        flags.push({ command, flag, defaultValue });
      }
    }
  }
  return flags;
}
