// What every test file shares: where the server is, tokens, transports and clients, and waiting.
import { createHmac, randomBytes } from "node:crypto";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { CampaignService } from "../gen/pidgr/v1/campaign_pb.js";
import { TemplateService } from "../gen/pidgr/v1/template_pb.js";
import { InboxService } from "../gen/pidgr/v1/inbox_pb.js";
import { ActionService } from "../gen/pidgr/v1/action_pb.js";
import { DeviceService } from "../gen/pidgr/v1/device_pb.js";

/** host:port of the server under test, e.g. 127.0.0.1:9090 (run-tests.sh sets it). */
export const server = required("PIDGR_SERVER");

/** A token with every permission (the one `pidgr dev` prints). */
export const adminToken = required("PIDGR_TOKEN");

/** The server's HS256 secret, when known: lets the tests mint recipients' and forged tokens. */
export const jwtSecret = process.env.PIDGR_JWT_SECRET || null;

/** The organization of the admin token: tokens minted here must belong to it. */
export const organization = claims(adminToken).org_id;

/** The four wire protocols under test; all talk to the same single port. */
export const transports = {
  "gRPC (HTTP/2)": (interceptors) =>
    createGrpcTransport({ baseUrl: `http://${server}`, interceptors }),
  "gRPC-Web (HTTP/1.1)": (interceptors) =>
    createGrpcWebTransport({ baseUrl: `http://${server}`, httpVersion: "1.1", interceptors }),
  // Connect-Web's default transport speaks this (createConnectTransport); so does curl.
  "Connect JSON (HTTP/1.1)": (interceptors) =>
    createConnectTransport({ baseUrl: `http://${server}`, httpVersion: "1.1", interceptors }),
  "Connect binary (HTTP/1.1)": (interceptors) =>
    createConnectTransport({ baseUrl: `http://${server}`, httpVersion: "1.1", useBinaryFormat: true, interceptors }),
};

/**
 * The header that carries a call's deadline on each protocol, as `[name, value for ms]`: set on its
 * own (without the client's timer), it shows the deadline the server itself keeps.
 */
export const deadlineHeaders = {
  "gRPC (HTTP/2)": (ms) => ["grpc-timeout", `${ms}m`],
  "gRPC-Web (HTTP/1.1)": (ms) => ["grpc-timeout", `${ms}m`],
  "Connect JSON (HTTP/1.1)": (ms) => ["connect-timeout-ms", String(ms)],
  "Connect binary (HTTP/1.1)": (ms) => ["connect-timeout-ms", String(ms)],
};

/** The services over one transport, sending `token` (none when null). */
export function clients(makeTransport, token) {
  const interceptors = token === null ? [] : [bearer(token)];
  const transport = makeTransport(interceptors);
  return {
    campaigns: createClient(CampaignService, transport),
    templates: createClient(TemplateService, transport),
    inbox: createClient(InboxService, transport),
    actions: createClient(ActionService, transport),
    devices: createClient(DeviceService, transport),
  };
}

function bearer(token) {
  return (next) => async (request) => {
    request.header.set("authorization", `Bearer ${token}`);
    return next(request);
  };
}

/** An HS256 token like `pidgr token` makes; signed with `secret` (the server's, or a wrong one). */
export function mintToken({ sub, permissions = [], secret = jwtSecret, org = organization }) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(JSON.stringify({ sub, org_id: org, permissions, iat: now, exp: now + 600 }));
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

export function randomSecret() {
  return randomBytes(48).toString("base64url");
}

/**
 * Calls `read` until `done(result)` holds, at most `timeoutMs` (generous: the machine is shared and
 * the workflow's effects arrive within the projection lag). Fails with the last result seen.
 */
export async function eventually(read, done, { timeoutMs = 120_000, what = "the condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await read();
    if (done(last)) {
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${describe(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A name no other run shares (tests of both transports, and earlier runs, use one organization). */
export function unique(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/** Per-call options: a deadline long enough for a busy machine. */
export const call = { timeoutMs: 30_000 };

function claims(token) {
  const [, payload] = token.split(".");
  if (!payload) {
    throw new Error("PIDGR_TOKEN is not a JWT");
  }
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}

function base64url(text) {
  return Buffer.from(text, "utf8").toString("base64url");
}

function describe(value) {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the tests with clients/node/run-tests.sh (it starts a dev server)`);
  }
  return value;
}
