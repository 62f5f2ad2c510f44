// Reading a parsed docker-compose.yml: the shapes Compose allows, normalized.

/** [variable, value] of every PIDGR_* setting: the environment, and assignments in a shell command. */
export function pidgrVariables(service) {
  const out = Object.entries(environment(service))
    .filter(([k]) => k.startsWith("PIDGR_"))
    .map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]);
  const command = list(service.command).concat(list(service.entrypoint)).join(" ");
  for (const [, variable, assigned] of command.matchAll(/\b(PIDGR_[A-Z0-9_]+)=("[^"]*"|'[^']*'|\S+)/g)) {
    out.push([variable, assigned.replace(/^["']|["']$/g, "")]);
  }
  return out;
}

export function environment(service) {
  const env = service.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => {
      const [key, ...rest] = String(entry).split("=");
      return [key, rest.length ? rest.join("=") : null];
    }));
  }
  return isMap(env) ? env : {};
}

export function dependsOn(service) {
  const deps = service.depends_on;
  if (Array.isArray(deps)) {
    return Object.fromEntries(deps.map((d) => [d, "service_started"]));
  }
  return Object.fromEntries(Object.entries(isMap(deps) ? deps : {}).map(([k, v]) => [k, v?.condition ?? "service_started"]));
}

export function isNamedVolume(source) {
  return !/^[./~]/.test(source);
}

/** A service that runs pidgr serve: pidgr's image, or a service configured with PIDGR_* variables. */
export function isPidgr(service, image) {
  return imageReference(service) === image.reference || Object.keys(environment(service)).some((k) => k.startsWith("PIDGR_"));
}

/** The image a service runs; `${PIDGR_IMAGE:-pidgr:latest}` (overridable by that variable) gives its default. */
export function imageReference(service) {
  const image = String(service.image ?? "");
  return image.match(/^\$\{PIDGR_IMAGE:-([^}]+)\}$/)?.[1] ?? image;
}

export function isKafka(service) {
  return String(service.image ?? "").startsWith("apache/kafka:");
}

export function containerPort(port) {
  return typeof port === "object" ? String(port.target) : String(port).split(":").pop().split("/")[0];
}

export function hostPort(port) {
  if (typeof port === "object") {
    return port.published ? String(port.published) : null;
  }
  const parts = String(port).split(":");
  return parts.length >= 2 ? parts[parts.length - 2] : null;
}

export function list(value) {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

export function isMap(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
