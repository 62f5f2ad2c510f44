// The rules for services that run `pidgr serve`: what ServeCommand.settings() enforces at start,
// plus what a container needs to run it (pidgr's image with its own entry point, secrets from files,
// state on a volume), and no setting that none of its roles reads.
import { ROLES } from "./serve-options.mjs";
import { checkKafka, checkPostgres } from "./check-wiring.mjs";
import { checkListeningPorts } from "./check-health.mjs";
import { environment, imageReference, isNamedVolume, isPidgr, list, pidgrVariables } from "./compose-model.mjs";

const LOG_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"];

/** Every PIDGR_* variable set, in the environment or by the command, must be one pidgr reads, with a value of its type. */
export function checkVariables(service, known, report) {
  for (const [variable, value] of pidgrVariables(service)) {
    const option = known.get(variable);
    if (!option) {
      report(`sets ${variable}, which pidgr serve does not read (see docs/configuration.md)`);
      continue;
    }
    if (value === null) {
      continue;
    }
    if (["int", "short", "long"].includes(option.type) && !/^\d+$/.test(value)) {
      report(`${variable} must be a whole number, not "${value}"`);
    } else if (option.type === "boolean" && !["true", "false"].includes(value)) {
      report(`${variable} must be true or false, not "${value}"`);
    } else if (variable === "PIDGR_LOG_LEVEL" && !LOG_LEVELS.includes(value)) {
      report(`PIDGR_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${value}"`);
    }
  }
}

/**
 * Which roles read a setting (Node, ApiRole and Processors in app/.../run); a variable not listed
 * is read by every role. Setting one on a service that runs none of its roles does nothing, and
 * misleads whoever reads the file (a secret mounted for nothing is also a secret exposed for nothing).
 */
const READ_BY = {
  PIDGR_STATE_DIR: ["command", "workflow"],
  PIDGR_JDBC_URL: ["api", "query"],
  PIDGR_JDBC_USER: ["api", "query"],
  PIDGR_JDBC_PASSWORD: ["api", "query"],
  PIDGR_JDBC_PASSWORD_FILE: ["api", "query"],
  PIDGR_GRPC_PORT: ["api"],
  PIDGR_JWKS: ["api"],
  PIDGR_JWT_ISSUER: ["api"],
  PIDGR_JWT_AUDIENCE: ["api"],
  PIDGR_JWT_HS256_SECRET_FILE: ["api"],
  PIDGR_WEBHOOK_SECRET_FILE: ["workflow"],
  PIDGR_PAGE_TOKEN_KEY_FILE: ["api"],
  PIDGR_ALLOW_INSECURE_WEBHOOKS: ["command", "workflow"],
  PIDGR_CORS_ORIGINS: ["api"],
  PIDGR_TLS_CERT: ["api"],
  PIDGR_TLS_KEY: ["api"],
  PIDGR_COMMAND_COMMIT_INTERVAL_MS: ["command"],
  PIDGR_WORKFLOW_COMMIT_INTERVAL_MS: ["workflow"],
  PIDGR_GATEWAY_MAX_ATTEMPTS: ["gateway"],
  PIDGR_SMTP_HOST: ["gateway"],
  PIDGR_SMTP_PORT: ["gateway"],
  PIDGR_SMTP_SECURITY: ["gateway"],
  PIDGR_SMTP_USERNAME: ["gateway"],
  PIDGR_SMTP_PASSWORD_FILE: ["gateway"],
  PIDGR_SMTP_FROM: ["gateway"],
  PIDGR_SMTP_ORGANIZATIONS_FILE: ["gateway"],
  PIDGR_SMTP_CONCURRENCY: ["gateway"],
};

/** The rules ServeCommand.settings() enforces at start, plus what a container needs to run it. */
export function checkPidgr(service, services, options, image, report) {
  const set = new Map(pidgrVariables(service));
  const value = (variable) => (set.has(variable) ? set.get(variable) : options.find((o) => o.variable === variable)?.defaultValue ?? null);
  checkContainer(service, image, report);
  const roles = parseRoles(value("PIDGR_ROLES"));
  for (const role of roles.filter((r) => !ROLES.includes(r))) {
    report(`PIDGR_ROLES names the unknown role "${role}"`);
  }
  for (const option of options) {
    const needed = option.requiredFor === "all" || (Array.isArray(option.requiredFor) && option.requiredFor.some((r) => roles.includes(r)));
    if (needed && !value(option.variable)) {
      report(`${option.variable} is required for ${option.requiredFor === "all" ? "every role" : option.requiredFor.join(" and ")}`);
    }
  }
  for (const variable of set.keys()) {
    if (READ_BY[variable] && !READ_BY[variable].some((r) => roles.includes(r))) {
      report(`sets ${variable}, which only the ${READ_BY[variable].join(" and ")} role${READ_BY[variable].length > 1 ? "s read" : " reads"}; this service runs ${roles.join(", ")}`);
    }
  }
  if (roles.includes("api") && !value("PIDGR_JWKS") && !value("PIDGR_JWT_HS256_SECRET_FILE")) {
    report("the api role needs PIDGR_JWKS or, explicitly, PIDGR_JWT_HS256_SECRET_FILE");
  }
  if (roles.includes("api") && value("PIDGR_JWKS") && !(value("PIDGR_JWT_ISSUER") && value("PIDGR_JWT_AUDIENCE"))) {
    report("PIDGR_JWKS needs PIDGR_JWT_ISSUER and PIDGR_JWT_AUDIENCE");
  }
  if (!value("PIDGR_TLS_CERT") !== !value("PIDGR_TLS_KEY")) {
    report("PIDGR_TLS_CERT and PIDGR_TLS_KEY go together");
  }
  checkSecretSettings(set, report);
  checkKafka(service, services, value, report);
  checkPostgres(service, services, value, report);
  checkStateDir(service, roles, value, report);
  checkListeningPorts(service, roles, value, image, report);
}

/**
 * pidgr's image as the build names it (app/pom.xml), run by its own entry point: java itself as the
 * container's process running serve (SIGTERM reaches the JVM, no shell reads the secrets), with the
 * app inside the image, never mounted from the host.
 */
function checkContainer(service, image, report) {
  if (imageReference(service) !== image.reference) {
    report(`image must be pidgr's, ${image.reference} (app/pom.xml's pidgr.image) or \${PIDGR_IMAGE:-${image.reference}}, not ${service.image}`);
  }
  for (const volume of list(service.volumes).map(String)) {
    const [source, target] = volume.split(":");
    if (source.startsWith("./app/") || target === "/app" || target?.startsWith("/app/")) {
      report(`mounts ${volume}: the image carries the app, so nothing of it comes from the host`);
    }
  }
  if (service.entrypoint !== undefined) {
    report("must not set entrypoint: the image's entry point runs java itself with serve, configured by PIDGR_* variables");
  }
  if (service.command !== undefined && !(Array.isArray(service.command) && String(service.command[0]).startsWith("--"))) {
    report("command may only add serve options, as a list starting with a --flag (the image's entry point runs serve)");
  }
}

/** Secrets come from mounted files, never from a value in this file or the environment. */
function checkSecretSettings(set, report) {
  for (const [variable, file] of set) {
    if (/_FILE$|^PIDGR_TLS_(CERT|KEY)$/.test(variable) && file && !file.startsWith("/run/secrets/")) {
      report(`${variable} must name a mounted secret (/run/secrets/...), not ${file}`);
    }
  }
  if (set.has("PIDGR_JDBC_PASSWORD") && set.has("PIDGR_JDBC_PASSWORD_FILE")) {
    report("sets both PIDGR_JDBC_PASSWORD and PIDGR_JDBC_PASSWORD_FILE, which serve refuses");
  } else if (set.has("PIDGR_JDBC_PASSWORD")) {
    report("sets PIDGR_JDBC_PASSWORD, which puts the password in this file or the container's environment: use PIDGR_JDBC_PASSWORD_FILE with a secret");
  }
}

function checkStateDir(service, roles, value, report) {
  if (!roles.some((r) => r === "command" || r === "workflow")) {
    return;
  }
  const stateDir = String(value("PIDGR_STATE_DIR"));
  const onVolume = list(service.volumes).some((v) => {
    const [source, target] = String(v).split(":");
    return isNamedVolume(source) && target && (stateDir === target || stateDir.startsWith(`${target}/`));
  });
  if (!onVolume) {
    report(`PIDGR_STATE_DIR ${stateDir} is not on a named volume: the Kafka Streams state would be rebuilt at every recreate`);
  }
}

export function checkRolesCovered(services, image, problems) {
  const covered = new Set();
  for (const service of Object.values(services).filter((s) => isPidgr(s, image))) {
    parseRoles(environment(service).PIDGR_ROLES).forEach((r) => covered.add(r));
  }
  for (const role of ROLES.filter((r) => !covered.has(r))) {
    problems.push(`no service runs the ${role} role`);
  }
}

/** As Role.parse: unset, blank or "all" is every role; otherwise a comma-separated list, any case. */
function parseRoles(text) {
  const trimmed = String(text ?? "").trim();
  if (trimmed === "" || trimmed.toLowerCase() === "all") {
    return [...ROLES];
  }
  return trimmed.split(",").map((r) => r.trim().toLowerCase());
}
