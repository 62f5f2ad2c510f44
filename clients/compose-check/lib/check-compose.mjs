// Checks docker-compose.yml without a Docker engine: its structure, and that every pidgr service is
// configured exactly as `pidgr serve` reads its configuration (ServeCommand.java). Pure: takes the
// texts, returns the problems found (an empty list when the file is sound).
import { parseDocument } from "yaml";
import { checkPidgr, checkRolesCovered, checkVariables } from "./check-pidgr-services.mjs";
import { containerPort, dependsOn, environment, hostPort, isKafka, isMap, isNamedVolume, isPidgr, list } from "./compose-model.mjs";

const SECRETS_DIR = "./deploy/secrets/";

/**
 * @param {string} text            the docker-compose.yml
 * @param {object} context         {options: parseServeOptions(...), logVariables: parseLogVariables(...),
 *                                  secretsDoc: the text that documents deploy/secrets (its README),
 *                                  image: readImage(), the image the build makes}
 * @returns {string[]} problems, each naming the service and what is wrong
 */
export function checkCompose(text, { options, logVariables, secretsDoc, image }) {
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
    if (isPidgr(service, image)) {
      checkPidgr(service, services, options, image, report);
    }
  }
  checkPorts(services, problems);
  checkRolesCovered(services, image, problems);
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
