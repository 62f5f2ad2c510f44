// The options of `pidgr serve`, read from ServeCommand.java itself, so that the checks can never
// drift from the code: flag, PIDGR_* variable, default, Java type, and which roles require it.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const SERVE_COMMAND = "app/src/main/java/dev/pidgr/app/serve/ServeCommand.java";
/** Option groups (picocli mixins) that serve shares with operator commands, read as part of serve. */
export const KAFKA_SECURITY = "app/src/main/java/dev/pidgr/app/run/KafkaSecurityOptions.java";
export const LOGBACK = "app/src/main/resources/logback.xml";
/** The gateway role's options: a mixin of serve, documented in a section of their own. */
export const GATEWAY_OPTIONS = "app/src/main/java/dev/pidgr/app/serve/GatewayOptions.java";
export const ROLES = ["api", "command", "workflow", "query", "gateway"];

const OPTION = /@Option\(\s*names\s*=\s*(\{[^}]*\}|"[^"]*")\s*,\s*(?:split\s*=\s*"[^"]*"\s*,\s*)?defaultValue\s*=\s*"([^"]*)"\s*,\s*description\s*=\s*((?:"(?:[^"\\]|\\.)*"\s*\+?\s*)+)\)\s*([\w<>]+)\s+(\w+)\s*;/g;
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
    // A long description is wrapped as "..." + "...": join the literals.
    const description = [...rawDescription.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, text]) => text).join("")
      .replace(/\\"/g, '"');
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
  // The mixin's options count where serve declares the mixin, as picocli and the docs order them.
  const mixin = readFileSync(join(root, KAFKA_SECURITY), "utf8");
  return parseServeOptions(readFileSync(join(root, SERVE_COMMAND), "utf8")
    .replace(/@Mixin\s+KafkaSecurityOptions\s+\w+;/, () => mixin));
}

/**
 * What a compose service may set: serve's options and the gateway's (GatewayOptions, a mixin of serve
 * whose table is the gateway's section, not serve's). None of the gateway's is required for a role.
 */
export function readComposeOptions(root = ROOT) {
  const gateway = parseServeOptions(readFileSync(join(root, GATEWAY_OPTIONS), "utf8"))
    .map((option) => ({ ...option, requiredFor: null }));
  return [...readServeOptions(root), ...gateway];
}

export function readLogVariables(root = ROOT) {
  return parseLogVariables(readFileSync(join(root, LOGBACK), "utf8"));
}

/**
 * The commands besides serve that docs/configuration.md documents, each in its own section (the
 * heading) with one table whose rows are the command's flags, in the order the files declare them.
 */
export const OTHER_COMMANDS = [
  { command: "pidgr dev", heading: "## `pidgr dev`", files: ["app/src/main/java/dev/pidgr/app/dev/DevCommand.java"] },
  {
    command: "client commands",
    heading: "## Client commands",
    files: ["app/src/main/java/dev/pidgr/app/cli/ClientOptions.java", "app/src/main/java/dev/pidgr/app/cli/RecipientOptions.java"],
  },
  { command: "pidgr token", heading: "## `pidgr token`", files: ["app/src/main/java/dev/pidgr/app/TokenCommand.java"] },
  {
    command: "pidgr serve --roles gateway",
    heading: "## The gateway's options (`pidgr serve --roles gateway`)",
    files: [GATEWAY_OPTIONS],
  },
  { command: "pidgr mail", heading: "## `pidgr mail`", files: ["app/src/main/java/dev/pidgr/app/dev/MailCommand.java"] },
  {
    command: "pidgr events tail",
    heading: "## `pidgr events tail`",
    files: ["app/src/main/java/dev/pidgr/app/ops/EventsTailCommand.java", KAFKA_SECURITY],
  },
  {
    command: "pidgr replay",
    heading: "## `pidgr replay`",
    files: ["app/src/main/java/dev/pidgr/app/ops/OperatorOptions.java", KAFKA_SECURITY,
      "app/src/main/java/dev/pidgr/app/ops/ReplayCommand.java"],
  },
  {
    command: "pidgr lag",
    heading: "## `pidgr lag`",
    files: ["app/src/main/java/dev/pidgr/app/ops/OperatorOptions.java", KAFKA_SECURITY,
      "app/src/main/java/dev/pidgr/app/ops/LagCommand.java"],
  },
];

/**
 * Where operator and server commands live: a file there that declares @Options must be serve or
 * one of OTHER_COMMANDS, so that a new command (as `pidgr replay` once was) cannot go undocumented.
 * The client subcommands' own options (cli/) are documented by their --help instead.
 */
export const COMMAND_DIRS = ["app/src/main/java/dev/pidgr/app", "app/src/main/java/dev/pidgr/app/ops",
  "app/src/main/java/dev/pidgr/app/dev", "app/src/main/java/dev/pidgr/app/serve"];
const DEV_INFRA = "embedded/src/main/java/dev/pidgr/embedded/DevInfra.java";

/**
 * The long flags of one command's source, in declaration order:
 * [{flag, variable, defaultValue, required}] where variable is the PIDGR_* of a `${env:...}`
 * default (else null), defaultValue the literal default (constants of `constants` resolved,
 * "" when empty, null when there is none) and required whether picocli insists on it.
 */
export function parseCommandOptions(source, constants = {}) {
  const options = [];
  for (const [, names, rest] of source.matchAll(/@Option\(\s*names\s*=\s*(\{[^}]*\}|"[^"]*")((?:[^)"]|"(?:[^"\\]|\\.)*")*)\)/g)) {
    const flag = names.match(/"(--[^"]+)"/)?.[1];
    if (!flag) {
      continue;
    }
    const raw = rest.match(/defaultValue\s*=\s*("[^"]*"(?:\s*\+\s*[\w.]+)?)/)?.[1] ?? null;
    let defaultValue = raw === null ? null : raw.replace(/^"([^"]*)"(?:\s*\+\s*(?:\w+\.)?(\w+))?$/,
      (_, literal, constant) => literal + (constant ? constants[constant] ?? `?${constant}` : ""));
    let variable = null;
    const env = defaultValue?.match(ENV_DEFAULT);
    if (env) {
      variable = env[1];
      defaultValue = env[2] === undefined ? null : env[2];
    }
    options.push({ flag, variable, defaultValue, required: /\brequired\s*=\s*true\b/.test(rest) });
  }
  return options;
}

/** OTHER_COMMANDS with their options read from the sources: [{command, heading, options}]. */
export function readOtherCommands(root = ROOT) {
  const constants = Object.fromEntries([...readFileSync(join(root, DEV_INFRA), "utf8")
    .matchAll(/static final int (\w+) = (\d+);/g)].map(([, name, value]) => [name, value]));
  return OTHER_COMMANDS.map(({ command, heading, files }) => ({
    command,
    heading,
    options: files.flatMap((file) => parseCommandOptions(readFileSync(join(root, file), "utf8"), constants)),
  }));
}

/** Source files under COMMAND_DIRS (not their subfolders) that declare @Option but are neither serve nor one of OTHER_COMMANDS. */
export function readUndocumentedCommands(root = ROOT) {
  const known = new Set([SERVE_COMMAND, ...OTHER_COMMANDS.flatMap((c) => c.files)]);
  return COMMAND_DIRS.flatMap((dir) => readdirSync(join(root, dir))
    .filter((name) => name.endsWith(".java"))
    .map((name) => `${dir}/${name}`)
    .filter((file) => !known.has(file) && /@Option\(/.test(readFileSync(join(root, file), "utf8"))));
}
