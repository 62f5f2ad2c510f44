// The rules for services that run `pidgr serve`: what ServeCommand.settings() enforces at start,
// plus what a container needs to run it (image, the mounted app, state on a volume, its ports).
import { ROLES } from "./serve-options.mjs";
import { checkKafka, checkPostgres } from "./check-wiring.mjs";
import { containerPort, environment, isNamedVolume, isPidgr, list, pidgrVariables } from "./compose-model.mjs";

const LOG_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"];
const JAR_MOUNT = "./app/target/pidgr.jar:/app/pidgr.jar:ro";
const LIB_MOUNT = "./app/target/lib:/app/lib:ro";

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

/** The rules ServeCommand.settings() enforces at start, plus what a container needs to run it. */
export function checkPidgr(service, services, options, report) {
  const set = new Map(pidgrVariables(service));
  const value = (variable) => (set.has(variable) ? set.get(variable) : options.find((o) => o.variable === variable)?.defaultValue ?? null);
  const major = Number(String(service.image ?? "").match(/^eclipse-temurin:(\d+)/)?.[1]);
  if (!(major >= 21)) {
    report(`image must be eclipse-temurin:<21 or newer>-jre, not ${service.image}`);
  }
  for (const mount of [JAR_MOUNT, LIB_MOUNT]) {
    if (!list(service.volumes).includes(mount)) {
      report(`must mount ${mount} (the built app, read-only)`);
    }
  }
  const roles = String(value("PIDGR_ROLES") ?? "").split(",").map((r) => r.trim().toLowerCase()).filter(Boolean);
  for (const role of roles.filter((r) => !ROLES.includes(r))) {
    report(`PIDGR_ROLES names the unknown role ${role}`);
  }
  for (const option of options) {
    const needed = option.requiredFor === "all" || (Array.isArray(option.requiredFor) && option.requiredFor.some((r) => roles.includes(r)));
    if (needed && !value(option.variable)) {
      report(`${option.variable} is required for ${option.requiredFor === "all" ? "every role" : option.requiredFor.join(" and ")}`);
    }
  }
  if (roles.includes("api") && !value("PIDGR_JWKS") && !value("PIDGR_JWT_HS256_SECRET_FILE")) {
    report("the api role needs PIDGR_JWKS or, explicitly, PIDGR_JWT_HS256_SECRET_FILE");
  }
  // QuerySettings needs the page-token key: a query process without one fails at start.
  if (roles.includes("query") && !value("PIDGR_PAGE_TOKEN_KEY_FILE")) {
    report("the query role needs PIDGR_PAGE_TOKEN_KEY_FILE (it signs page tokens too)");
  }
  if (!value("PIDGR_TLS_CERT") !== !value("PIDGR_TLS_KEY")) {
    report("PIDGR_TLS_CERT and PIDGR_TLS_KEY go together");
  }
  for (const [variable, file] of set) {
    if (/_FILE$|^PIDGR_TLS_(CERT|KEY)$/.test(variable) && file && !file.startsWith("/run/secrets/")) {
      report(`${variable} must name a mounted secret (/run/secrets/...), not ${file}`);
    }
  }
  checkKafka(service, services, value, report);
  checkPostgres(service, services, value, set, report);
  checkStateDir(service, roles, value, report);
  checkListeningPorts(service, roles, value, report);
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

/** Published ports and healthcheck addresses must be ports this process listens on. */
function checkListeningPorts(service, roles, value, report) {
  const listening = new Set([String(value("PIDGR_METRICS_PORT"))]);
  if (roles.includes("api")) {
    listening.add(String(value("PIDGR_GRPC_PORT")));
  }
  for (const port of list(service.ports).map(containerPort)) {
    if (!listening.has(port)) {
      report(`publishes port ${port}, but it listens on ${[...listening].join(" and ")}`);
    }
  }
  const test = JSON.stringify(service.healthcheck?.test ?? "");
  for (const [, port] of test.matchAll(/localhost:(\d+)/g)) {
    if (!listening.has(port)) {
      report(`healthcheck calls port ${port}, but it listens on ${[...listening].join(" and ")}`);
    }
  }
  if (roles.includes("api") && !test.includes(`localhost:${value("PIDGR_GRPC_PORT")}/grpc.health.v1.Health/Check`)) {
    report("the api's healthcheck must ask grpc.health.v1.Health/Check on its gRPC port");
  }
}

export function checkRolesCovered(services, problems) {
  const covered = new Set();
  for (const service of Object.values(services).filter(isPidgr)) {
    const roles = environment(service).PIDGR_ROLES ?? "api,command,workflow,query";
    String(roles).split(",").forEach((r) => covered.add(r.trim().toLowerCase()));
  }
  for (const role of ROLES.filter((r) => !covered.has(r))) {
    problems.push(`no service runs the ${role} role`);
  }
}
