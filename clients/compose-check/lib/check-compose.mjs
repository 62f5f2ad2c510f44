// Checks docker-compose.yml without a Docker engine: its structure, and that every pidgr service is
// configured exactly as `pidgr serve` reads its configuration (ServeCommand.java). Pure: takes the
// texts, returns the problems found (an empty list when the file is sound).
import { parseDocument } from "yaml";
import { ROLES } from "./serve-options.mjs";

const LOG_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"];
const JAR_MOUNT = "./app/target/pidgr.jar:/app/pidgr.jar:ro";
const LIB_MOUNT = "./app/target/lib:/app/lib:ro";
const SECRETS_DIR = "./deploy/secrets/";

/**
 * @param {string} text            the docker-compose.yml
 * @param {object} context         {options: parseServeOptions(...), logVariables: parseLogVariables(...),
 *                                  secretsDoc: the text that documents deploy/secrets (its README)}
 * @returns {string[]} problems, each naming the service and what is wrong
 */
export function checkCompose(text, { options, logVariables, secretsDoc }) {
  const document = parseDocument(text, { merge: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return document.errors.map((e) => `not valid YAML: ${e.message}`);
  }
  const compose = document.toJS({ maxAliasCount: 1000 }) ?? {};
  const problems = [];
  const services = compose.services;
  if (!isMap(services) || Object.keys(services).length === 0) {
    return ["no services"];
  }
  const known = new Map([...options, ...logVariables].map((o) => [o.variable, o]));
  for (const [name, service] of Object.entries(services)) {
    const report = (message) => problems.push(`service ${name}: ${message}`);
    if (!isMap(service)) {
      report("is not a mapping");
      continue;
    }
    checkImage(service, report);
    checkInterpolation(service, report);
    checkVolumes(service, compose, report);
    checkSecrets(service, compose, report);
    checkDependencies(name, service, services, report);
    checkHealthcheck(service, report);
    checkVariables(service, known, report);
    if (isPidgr(service)) {
      checkPidgr(service, services, options, report);
    }
  }
  checkPorts(services, problems);
  checkRolesCovered(services, problems);
  checkDeclarations(compose, services, secretsDoc, problems);
  checkDependencyCycles(services, problems);
  return problems;
}

function checkImage(service, report) {
  if (!service.image && !service.build) {
    report("has neither image nor build");
  }
}

function checkVolumes(service, compose, report) {
  const declared = isMap(compose.volumes) ? compose.volumes : {};
  for (const volume of list(service.volumes)) {
    const source = typeof volume === "string" ? volume.split(":")[0] : volume?.source;
    if (source && isNamedVolume(source) && !(source in declared)) {
      report(`uses volume ${source}, which is not declared under volumes`);
    }
  }
}

/** Compose reads `$` as interpolation: a literal one must be written `$$`. */
function checkInterpolation(service, report) {
  const text = JSON.stringify([service.command ?? [], service.entrypoint ?? [], service.environment ?? {}, service.healthcheck ?? {}]);
  for (const [found] of text.replaceAll("$$", "").matchAll(/\$(?![{A-Za-z_])./g)) {
    report(`has "${found}": Compose reads $ as the start of a variable; write $$ for a literal $`);
  }
}

function checkSecrets(service, compose, report) {
  const own = list(service.secrets).map((s) => (typeof s === "string" ? s : s?.source));
  for (const secret of own) {
    if (!isMap(compose.secrets) || !(secret in compose.secrets)) {
      report(`uses secret ${secret}, which is not declared under secrets`);
    }
  }
  const text = JSON.stringify([service.environment ?? {}, service.command ?? [], service.entrypoint ?? []]);
  for (const [, secret] of text.matchAll(/\/run\/secrets\/([A-Za-z0-9._-]+)/g)) {
    if (!own.includes(secret)) {
      report(`reads /run/secrets/${secret} but does not mount the secret ${secret}`);
    }
  }
}

function checkDependencies(name, service, services, report) {
  for (const [dependency, condition] of Object.entries(dependsOn(service))) {
    if (!(dependency in services)) {
      report(`depends on ${dependency}, which is not a service`);
    } else if (dependency === name) {
      report("depends on itself");
    } else if (condition === "service_healthy" && !services[dependency].healthcheck) {
      report(`waits for ${dependency} to be healthy, but ${dependency} has no healthcheck`);
    } else if (!["service_started", "service_healthy", "service_completed_successfully"].includes(condition)) {
      report(`depends on ${dependency} with the unknown condition ${condition}`);
    }
  }
}

function checkHealthcheck(service, report) {
  const check = service.healthcheck;
  if (check === undefined) {
    return;
  }
  const test = check?.test;
  const valid = typeof test === "string"
    || (Array.isArray(test) && ((test[0] === "CMD-SHELL" && test.length === 2) || (test[0] === "CMD" && test.length > 1) || (test[0] === "NONE")));
  if (!valid) {
    report(`healthcheck test must be a string, [CMD-SHELL, "command"] or [CMD, ...]: ${JSON.stringify(test)}`);
  }
}

/** Every PIDGR_* variable set, in the environment or by the command, must be one pidgr reads, with a value of its type. */
function checkVariables(service, known, report) {
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
function checkPidgr(service, services, options, report) {
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

function checkKafka(service, services, value, report) {
  const brokers = Object.values(services).filter(isKafka);
  const replication = Number(value("PIDGR_REPLICATION_FACTOR"));
  if (replication > brokers.length) {
    report(`PIDGR_REPLICATION_FACTOR ${replication} needs ${replication} brokers; this file has ${brokers.length}`);
  }
  for (const address of String(value("PIDGR_KAFKA_BOOTSTRAP_SERVERS") ?? "").split(",").filter(Boolean)) {
    const [host] = address.trim().split(":");
    const kafka = services[host];
    if (!kafka || !isKafka(kafka)) {
      report(`PIDGR_KAFKA_BOOTSTRAP_SERVERS names ${address}, but ${host} is not a Kafka service`);
      continue;
    }
    const advertised = String(environment(kafka).KAFKA_ADVERTISED_LISTENERS ?? "");
    if (!advertised.split(",").some((l) => l.trim().endsWith(`//${address.trim()}`))) {
      report(`PIDGR_KAFKA_BOOTSTRAP_SERVERS names ${address}, which ${host} does not advertise (${advertised})`);
    }
    requireHealthy(service, host, report);
  }
}

function checkPostgres(service, services, value, set, report) {
  const url = value("PIDGR_JDBC_URL");
  if (!url) {
    return;
  }
  const match = String(url).match(/^jdbc:postgresql:\/\/([^:/]+)(?::(\d+))?\/([^?]+)/);
  if (!match) {
    report(`PIDGR_JDBC_URL is not a jdbc:postgresql://host:port/database URL: ${url}`);
    return;
  }
  const [, host, port = "5432", database] = match;
  const postgres = services[host];
  if (!postgres || !String(postgres.image ?? "").startsWith("postgres:")) {
    report(`PIDGR_JDBC_URL names ${host}, which is not a PostgreSQL service`);
    return;
  }
  const pgEnv = environment(postgres);
  if (port !== "5432") {
    report(`PIDGR_JDBC_URL uses port ${port}; PostgreSQL listens on 5432 inside the network`);
  }
  if (database !== (pgEnv.POSTGRES_DB ?? pgEnv.POSTGRES_USER ?? "postgres")) {
    report(`PIDGR_JDBC_URL names the database ${database}, but ${host} creates ${pgEnv.POSTGRES_DB}`);
  }
  if (value("PIDGR_JDBC_USER") !== (pgEnv.POSTGRES_USER ?? "postgres")) {
    report(`PIDGR_JDBC_USER ${value("PIDGR_JDBC_USER")} is not ${host}'s POSTGRES_USER ${pgEnv.POSTGRES_USER}`);
  }
  const passwordSecret = String(pgEnv.POSTGRES_PASSWORD_FILE ?? "").match(/^\/run\/secrets\/(.+)$/)?.[1];
  if (passwordSecret && !String(set.get("PIDGR_JDBC_PASSWORD") ?? "").includes(`/run/secrets/${passwordSecret}`)) {
    report(`PIDGR_JDBC_PASSWORD must come from /run/secrets/${passwordSecret}, ${host}'s password`);
  }
  requireHealthy(service, host, report);
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

function checkPorts(services, problems) {
  const hostPorts = new Map();
  for (const [name, service] of Object.entries(services)) {
    for (const port of list(service.ports)) {
      const host = hostPort(port);
      if (host && hostPorts.has(host)) {
        problems.push(`service ${name}: host port ${host} is also published by ${hostPorts.get(host)}`);
      }
      hostPorts.set(host, name);
      if (isKafka(service)) {
        const listeners = String(environment(service).KAFKA_LISTENERS ?? "");
        if (!listeners.split(",").some((l) => l.trim().endsWith(`:${containerPort(port)}`))) {
          problems.push(`service ${name}: publishes port ${containerPort(port)}, which is not in KAFKA_LISTENERS (${listeners})`);
        }
      }
    }
  }
}

function checkRolesCovered(services, problems) {
  const covered = new Set();
  for (const service of Object.values(services).filter(isPidgr)) {
    const roles = environment(service).PIDGR_ROLES ?? "api,command,workflow,query";
    String(roles).split(",").forEach((r) => covered.add(r.trim().toLowerCase()));
  }
  for (const role of ROLES.filter((r) => !covered.has(r))) {
    problems.push(`no service runs the ${role} role`);
  }
}

/** Declared volumes and secrets are used; every secret is a file in deploy/secrets that is documented. */
function checkDeclarations(compose, services, secretsDoc, problems) {
  const all = Object.values(services);
  for (const volume of Object.keys(compose.volumes ?? {})) {
    if (!all.some((s) => list(s.volumes).some((v) => String(v).split(":")[0] === volume))) {
      problems.push(`volume ${volume} is declared but no service uses it`);
    }
  }
  for (const [name, secret] of Object.entries(compose.secrets ?? {})) {
    const file = String(secret?.file ?? "");
    if (!file.startsWith(SECRETS_DIR) || file.slice(SECRETS_DIR.length).includes("/")) {
      problems.push(`secret ${name} must be a file in ${SECRETS_DIR}, not ${file || "(no file)"}`);
      continue;
    }
    const fileName = file.slice(SECRETS_DIR.length);
    if (!secretsDoc.includes(`\`${fileName}\``)) {
      problems.push(`secret file deploy/secrets/${fileName} is not documented in deploy/secrets/README.md`);
    }
    if (!all.some((s) => list(s.secrets).some((x) => (typeof x === "string" ? x : x?.source) === name))) {
      problems.push(`secret ${name} is declared but no service uses it`);
    }
  }
}

function checkDependencyCycles(services, problems) {
  const visiting = new Set();
  const done = new Set();
  const visit = (name, path) => {
    if (done.has(name) || !(name in services)) {
      return;
    }
    if (visiting.has(name)) {
      problems.push(`depends_on cycle: ${[...path, name].join(" -> ")}`);
      return;
    }
    visiting.add(name);
    for (const next of Object.keys(dependsOn(services[name]))) {
      visit(next, [...path, name]);
    }
    visiting.delete(name);
    done.add(name);
  };
  Object.keys(services).forEach((name) => visit(name, []));
}

function requireHealthy(service, dependency, report) {
  if (dependsOn(service)[dependency] !== "service_healthy") {
    report(`must depend on ${dependency} with condition service_healthy`);
  }
}

/** [variable, value] of every PIDGR_* setting: the environment, and assignments in a shell command. */
function pidgrVariables(service) {
  const out = Object.entries(environment(service))
    .filter(([k]) => k.startsWith("PIDGR_"))
    .map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]);
  const command = list(service.command).concat(list(service.entrypoint)).join(" ");
  for (const [, variable, assigned] of command.matchAll(/\b(PIDGR_[A-Z0-9_]+)=("[^"]*"|'[^']*'|\S+)/g)) {
    out.push([variable, assigned.replace(/^["']|["']$/g, "")]);
  }
  return out;
}

function environment(service) {
  const env = service.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => {
      const [key, ...rest] = String(entry).split("=");
      return [key, rest.length ? rest.join("=") : null];
    }));
  }
  return isMap(env) ? env : {};
}

function dependsOn(service) {
  const deps = service.depends_on;
  if (Array.isArray(deps)) {
    return Object.fromEntries(deps.map((d) => [d, "service_started"]));
  }
  return Object.fromEntries(Object.entries(isMap(deps) ? deps : {}).map(([k, v]) => [k, v?.condition ?? "service_started"]));
}

function isNamedVolume(source) {
  return !/^[./~]/.test(source);
}

function isPidgr(service) {
  return /-jar \/app\/pidgr\.jar serve\b/.test(list(service.command).join(" "));
}

function isKafka(service) {
  return String(service.image ?? "").startsWith("apache/kafka:");
}

function containerPort(port) {
  return typeof port === "object" ? String(port.target) : String(port).split(":").pop().split("/")[0];
}

function hostPort(port) {
  if (typeof port === "object") {
    return port.published ? String(port.published) : null;
  }
  const parts = String(port).split(":");
  return parts.length >= 2 ? parts[parts.length - 2] : null;
}

function list(value) {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

function isMap(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
