// The web console's pure modules (api/src/main/resources/dev/pidgr/api/console/js), tested without a
// browser or a server: audience parsing with line numbers, the workflow graph's layers, the template
// preview, decoding a BadRequest detail, and the nudge's request. The pages themselves run in Chromium (ConsoleBrowserTest).
import { describe, it } from "node:test";
import assert from "node:assert/strict";

const js = (name) => new URL(`../../../api/src/main/resources/dev/pidgr/api/console/js/${name}`, import.meta.url).href;
const { parseAudience, LIMITS } = await import(js("audience.js"));
const { layout, deadlineChain } = await import(js("workflow.js"));
const { preview, placeholders } = await import(js("render.js"));
const { decodeBadRequest } = await import(js("proto.js"));
const { nudgeRequest, keepsKey } = await import(js("nudge.js"));

describe("console: audience parsing", () => {
  it("reads CSV with a header into members and their variables", () => {
    const { members, errors } = parseAudience('user_id,first_name,team\nalice,Alice,"Sales, EMEA"\nbob,Bob,\n');
    assert.deepEqual(errors, []);
    assert.deepEqual(members, [
      { userId: "alice", variables: { first_name: "Alice", team: "Sales, EMEA" } },
      { userId: "bob", variables: { first_name: "Bob" } },
    ]);
  });

  it("names the line of each problem in CSV", () => {
    const { members, errors } = parseAudience("user_id,first_name\nalice,Alice\n,Nobody\nalice,Again\ncarol");
    assert.deepEqual(members, []);
    assert.deepEqual(errors, [
      { line: 3, message: "user_id must be 1 to 200 characters" },
      { line: 4, message: "user_id alice repeats line 2" },
      { line: 5, message: "1 values, the header has 2" },
    ]);
  });

  it("refuses CSV without the user_id header", () => {
    assert.deepEqual(parseAudience("alice,Alice").errors, [{ line: 1, message: "the first line must be the header user_id,var1,var2..." }]);
  });

  it("reads a JSON array and names the line of a bad member", () => {
    assert.deepEqual(parseAudience('["alice", {"user_id": "bob", "variables": {"first_name": "Bob"}}]').members,
      [{ userId: "alice", variables: {} }, { userId: "bob", variables: { first_name: "Bob" } }]);
    assert.deepEqual(parseAudience('[\n  "alice",\n  {"user_id": 7}\n]').errors, [{ line: 3, message: "member 2: user_id must be a string" }]);
  });

  it("takes 100,000 members and refuses the 100,001st", () => {
    const ids = (n) => ["user_id", ...Array.from({ length: n }, (_, i) => `u${i}`)].join("\n");
    assert.equal(parseAudience(ids(LIMITS.members)).members.length, 100_000);
    assert.deepEqual(parseAudience(ids(LIMITS.members + 1)).errors, [{ line: 100_002, message: "at most 100,000 members" }]);
  });
});

describe("console: workflow graph", () => {
  it("lays the deadline chain out one step per layer, with its edges and an end", () => {
    const { layers, edges } = layout(deadlineChain("1h").steps);
    assert.deepEqual(layers, [["send"], ["deadline"], ["remind"], ["last-call"], ["missed"], ["end"]]);
    assert.deepEqual(edges.filter((e) => e.to === "end").map((e) => e.from), ["deadline", "last-call"]);
  });

  it("puts a step below the deepest step that leads to it", () => {
    const { layers } = layout([
      { id: "a", transitions: { completed: "b", failed: "c" } },
      { id: "b", transitions: { completed: "c" } },
      { id: "c", transitions: {} },
    ]);
    assert.deepEqual(layers, [["a"], ["b"], ["c"]]);
  });
});

describe("console: template preview", () => {
  it("fills variables, keeps sections with a value, and shows a missing one as <name>", () => {
    const body = "Hello {{first_name}}{{#team}} of {{team}}{{/team}}{{^team}} (no team){{/team}}, from {{sender}}";
    assert.equal(preview(body, { first_name: "Ada" }), "Hello Ada (no team), from <sender>");
    assert.equal(preview(body, { first_name: "Ada", team: "Sales", sender: "HR" }), "Hello Ada of Sales, from HR");
    assert.deepEqual(placeholders(body), ["first_name", "team", "sender"]);
  });
});

describe("console: error details", () => {
  it("decodes the field violations of a google.rpc.BadRequest (base64, URL alphabet, unpadded)", () => {
    const violation = (field, description) => {
      const f = Buffer.from(field);
      const d = Buffer.from(description);
      const inner = Buffer.concat([Buffer.from([0x0a, f.length]), f, Buffer.from([0x12, d.length]), d]);
      return Buffer.concat([Buffer.from([0x0a, inner.length]), inner]);
    };
    const detail = Buffer.concat([violation("name", "must be at least 1 characters"), violation("audience[2].user_id", "repeats")])
      .toString("base64url");
    assert.deepEqual(decodeBadRequest(detail), [
      { field: "name", description: "must be at least 1 characters" },
      { field: "audience[2].user_id", description: "repeats" },
    ]);
  });
});

describe("console: nudge", () => {
  const ID = "3f0e2a8c-8d6c-4c55-9a59-0f4f4f6f3a11";

  it("sends the statuses ticked, unread only, the user ids typed and the rate", () => {
    const { request, violations } = nudgeRequest(ID,
      { sent: true, delivered: false, unreadOnly: true, users: " alice, bob\ncarol ", rate: "25" });
    assert.deepEqual(violations, []);
    assert.deepEqual(request, { id: ID, statuses: ["DELIVERY_STATUS_SENT"], unreadOnly: true,
      userIds: ["alice", "bob", "carol"], ratePerSecond: 25 });
  });

  it("leaves the rate to the server's default when it is empty, and sends no user id for everyone", () => {
    const { request } = nudgeRequest(ID, { sent: true, delivered: true, unreadOnly: false, users: "", rate: "" });
    assert.deepEqual(request, { id: ID, statuses: ["DELIVERY_STATUS_SENT", "DELIVERY_STATUS_DELIVERED"],
      unreadOnly: false, userIds: [] });
  });

  it("names what JSON cannot carry: no status ticked (empty would mean both), a rate that is not a whole number", () => {
    const { violations } = nudgeRequest(ID, { sent: false, delivered: false, unreadOnly: false, users: "", rate: "1.5" });
    assert.deepEqual(violations, [
      { field: "statuses", description: "choose Sent, Delivered or both" },
      { field: "rate_per_second", description: "a whole number of reminders a second" },
    ]);
  });

  it("keeps the idempotency key only when the nudge may have been taken without its answer", () => {
    assert.deepEqual(["unavailable", "deadline_exceeded", "failed_precondition", "invalid_argument"]
      .map((code) => keepsKey({ code })), [true, true, false, false]);
  });
});
