// The public API over the Connect protocol (JSON), with the signed-in user's own token: the console
// has no access of its own. Errors come back as ApiError with the Connect code, the message and the
// field violations of a google.rpc.BadRequest detail.
import { decodeBadRequest } from "./proto.js";

const TOKEN = "pidgr.token";

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  signIn: (token) => sessionStorage.setItem(TOKEN, token.trim()),
  signOut: () => sessionStorage.removeItem(TOKEN),
  /** The token's claims (not verified here: the server verifies every call). */
  claims() {
    try {
      const payload = session.token().split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
      return JSON.parse(atob(payload));
    } catch {
      return {};
    }
  },
};

export class ApiError extends Error {
  constructor(code, message, violations = [], httpStatus = 0) {
    super(message || code);
    this.code = code;
    this.violations = violations;
    this.httpStatus = httpStatus;
  }
}

/** Every call made, with its time: what a page costs (docs/console.md). */
export const calls = [];

/**
 * Calls pidgr.v1.<service>/<method> with `request` (protobuf JSON) and returns the response message.
 * Options: idempotencyKey, minVersion (x-pidgr-min-version), timeoutMs (connect-timeout-ms).
 */
export async function call(service, method, request = {}, { idempotencyKey, minVersion, timeoutMs = 15_000 } = {}) {
  const headers = {
    "content-type": "application/json",
    "connect-protocol-version": "1",
    "connect-timeout-ms": String(timeoutMs),
  };
  const token = session.token();
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  if (idempotencyKey) {
    headers["idempotency-key"] = idempotencyKey;
  }
  if (minVersion) {
    headers["x-pidgr-min-version"] = String(minVersion);
  }
  const started = performance.now();
  let response;
  try {
    response = await fetch(`/pidgr.v1.${service}/${method}`, { method: "POST", headers, body: JSON.stringify(request) });
  } catch (e) {
    throw new ApiError("unavailable", `the server could not be reached (${e.message})`);
  } finally {
    calls.push({ method: `${service}/${method}`, ms: Math.round(performance.now() - started) });
  }
  const text = await response.text();
  calls[calls.length - 1].ms = Math.round(performance.now() - started);
  if (response.ok) {
    return text ? JSON.parse(text) : {};
  }
  throw connectError(response.status, text);
}

/** GET of the console's operations figures, with the same token. */
export async function operations() {
  const response = await fetch("/console/status", { headers: { authorization: `Bearer ${session.token()}` } });
  const body = await response.json();
  if (!response.ok) {
    throw new ApiError(response.status === 401 ? "unauthenticated" : "permission_denied", body.message, [], response.status);
  }
  return body;
}

function connectError(httpStatus, text) {
  let error = {};
  try {
    error = JSON.parse(text);
  } catch {
    return new ApiError("unknown", `HTTP ${httpStatus}`, [], httpStatus);
  }
  const violations = [];
  for (const detail of error.details ?? []) {
    if (detail.type === "google.rpc.BadRequest") {
      violations.push(...decodeBadRequest(detail.value));
    }
  }
  return new ApiError(error.code ?? "unknown", error.message ?? "", violations, httpStatus);
}

/** A random idempotency key: a retried submit (double click, reload) creates one campaign. */
export function newIdempotencyKey() {
  return crypto.randomUUID();
}
