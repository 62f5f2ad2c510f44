// The behaviours every transport must show, from a Connect-ES client's point of view. Each test file
// runs this suite over one transport; node --test runs the files in parallel.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { Code, ConnectError } from "@connectrpc/connect";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { CampaignStatus, DeliveryStatus, ActionType, StepType } from "../gen/pidgr/v1/common_pb.js";
import { BadRequestSchema } from "../gen/google/rpc/error_details_pb.js";
import {
  adminToken, call, clients, deadlineHeaders, eventually, jwtSecret, mintToken, randomSecret, transports, unique,
} from "./support.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function apiSuite(transportName) {
  const makeTransport = transports[transportName];
  const admin = clients(makeTransport, adminToken);

  describe(`pidgr.v1 over ${transportName}`, () => {
    describe("a campaign with the default workflow", () => {
      const users = ["alice", "bob", "carol"].map((name) => ({ name, id: unique(name) }));
      let template;
      let created;
      let createdVersionHeader;
      let started;
      let completed;

      before(async () => {
        // Each recipient has an email address, so a server with a channel gateway (./pidgr dev has one)
        // delivers and the deliveries stay SENT rather than NO_DEVICE.
        if (jwtSecret) {
          for (const user of users) {
            await clients(makeTransport, mintToken({ sub: user.id })).devices
              .setEmail({ email: `${user.id}@example.test` }, call);
          }
        }
        ({ template } = await admin.templates.createTemplate({
          name: unique("welcome"),
          title: "Welcome, {{first_name}}",
          body: "Hello {{first_name}},\nplease read and acknowledge the new travel policy.",
          variables: [{ name: "first_name", required: true }],
        }, call));
        ({ campaign: created } = await admin.campaigns.createCampaign({
          name: unique("travel-policy"),
          templateId: template.id,
          senderName: "HR Team",
          audience: users.map((u) => ({ userId: u.id, variables: { first_name: capitalized(u.name) } })),
        }, { ...call, onHeader: (headers) => { createdVersionHeader = headers.get("x-pidgr-version"); } }));
        ({ campaign: started } = await admin.campaigns.startCampaign({ id: created.id }, call));
        completed = await eventually(
          async () => (await admin.campaigns.getCampaign({ id: created.id }, call)).campaign,
          (c) => c.status === CampaignStatus.COMPLETED && c.deliveryCounts?.sent === 3,
          { what: `campaign ${created.id} to be COMPLETED with 3 deliveries sent` });
      });

      it("creates the template at version 1", () => {
        assert.match(template.id, UUID);
        assert.equal(template.version, 1);
        assert.deepEqual(template.variables.map((v) => [v.name, v.required]), [["first_name", true]]);
      });

      it("creates the campaign as a draft pinned to the template's version, with the default workflow", () => {
        assert.match(created.id, UUID);
        assert.equal(created.status, CampaignStatus.CREATED);
        assert.equal(created.templateId, template.id);
        assert.equal(created.templateVersion, 1);
        assert.equal(created.totalRecipients, 3);
        assert.equal(created.senderName, "HR Team");
        assert.deepEqual(created.workflow.steps.map((s) => s.type), [StepType.SEND_NOTIFICATION]);
        assert.equal(createdVersionHeader, created.version.toString());
      });

      it("starts the campaign: ACTIVE with a start time", () => {
        assert.equal(started.status, CampaignStatus.ACTIVE);
        assert.ok(started.startedAt, "startedAt is set");
        assert.ok(started.version > created.version);
      });

      it("reads it back COMPLETED with every recipient's notification sent", () => {
        assert.equal(completed.status, CampaignStatus.COMPLETED);
        assert.equal(completed.totalRecipients, 3);
        assert.equal(completed.deliveryCounts.sent, 3);
        assert.equal(completed.actionCompletedCount, 0);
        assert.equal(completed.missedCount, 0);
        assert.ok(completed.completedAt, "completedAt is set");
        assert.equal(completed.failureReason, "");
      });

      it("lists it among the organization's campaigns, COMPLETED", async () => {
        const listed = await findInList(admin, created.id);
        assert.equal(listed.status, CampaignStatus.COMPLETED);
        assert.equal(listed.name, created.name);
        assert.equal(listed.totalRecipients, 3);
      });

      it("lists one rendered delivery per recipient, ordered by user id", async () => {
        const { deliveries, pagination } = await admin.campaigns.listDeliveries({ campaignId: created.id }, call);
        assert.equal(pagination.totalCount, 3);
        assert.deepEqual(deliveries.map((d) => d.userId), users.map((u) => u.id).sort());
        for (const delivery of deliveries) {
          const user = users.find((u) => u.id === delivery.userId);
          assert.equal(delivery.status, DeliveryStatus.SENT);
          assert.equal(delivery.campaignId, created.id);
          assert.equal(delivery.message.title, `Welcome, ${capitalized(user.name)}`);
          assert.equal(delivery.message.senderName, "HR Team");
          assert.equal(delivery.message.summary, `Hello ${capitalized(user.name)},`);
        }
      });

      it("previews each chosen member's message exactly as it was delivered (PreviewCampaign)", async () => {
        const { previews } = await admin.campaigns.previewCampaign(
          { id: created.id, userIds: [users[1].id, users[0].id] }, call);
        const { deliveries } = await admin.campaigns.listDeliveries({ campaignId: created.id }, call);
        assert.deepEqual(previews.map((p) => p.userId), [users[1].id, users[0].id]);
        for (const preview of previews) {
          const delivered = deliveries.find((d) => d.userId === preview.userId).message;
          assert.equal(preview.message.contentId, delivered.contentId);
          assert.equal(preview.message.title, delivered.title);
          assert.equal(preview.message.body, delivered.body);
          assert.deepEqual(preview.missingVariables, []);
        }
        const error = await rejection(admin.campaigns.previewCampaign(
          { id: created.id, userIds: [users[0].id, "not-a-member"] }, call));
        assert.equal(error.code, Code.InvalidArgument);
        const [badRequest] = error.findDetails(BadRequestSchema);
        assert.deepEqual(badRequest.fieldViolations.map((v) => v.field), ["user_ids[1]"]);
      });

      it("lists the campaign's history oldest first, with actor and summary (ListCampaignHistory)", async () => {
        const { entries, paginationMeta } = await admin.campaigns.listCampaignHistory({ id: created.id }, call);
        assert.deepEqual(entries.map((e) => e.eventType),
          ["CampaignCreated", "CampaignAudienceAdded", "CampaignStarted", "CampaignCompleted"]);
        assert.deepEqual(entries.map((e) => Number(e.version)), [1, 2, 3, 4]);
        assert.equal(entries[2].summary, "started with 3 members");
        assert.equal(entries[3].actor, "workflow");
        assert.ok(entries[0].actor.length > 0 && entries[0].actor !== "workflow", "a caller created it");
        assert.ok(entries[0].occurredAt, "occurredAt is set");
        assert.equal(paginationMeta.totalCount, 4);
        const first = await admin.campaigns.listCampaignHistory({ id: created.id, pagination: { pageSize: 3 } }, call);
        const rest = await admin.campaigns.listCampaignHistory(
          { id: created.id, pagination: { pageSize: 3, pageToken: first.paginationMeta.nextPageToken } }, call);
        assert.deepEqual(rest.entries.map((e) => e.eventType), ["CampaignCompleted"]);
      });

      it("lets a recipient see the message in the inbox and acknowledge it", { skip: !jwtSecret && "PIDGR_JWT_SECRET unknown" }, async () => {
        const alice = clients(makeTransport, mintToken({ sub: users[0].id }));
        const { entries } = await alice.inbox.sync({}, call);
        assert.equal(entries.length, 1);
        const [entry] = entries;
        assert.equal(entry.status, DeliveryStatus.DELIVERED);
        assert.equal(entry.message.campaignId, created.id);
        assert.equal(entry.message.body, "Hello Alice,\nplease read and acknowledge the new travel policy.");
        assert.deepEqual(entry.message.actions.map((a) => [a.id, a.type, a.label]), [["ack", ActionType.ACK, "Acknowledge"]]);

        const { success } = await alice.actions.submitAction({ deliveryId: entry.deliveryId, actionId: "ack" }, call);
        assert.equal(success, true);
        const counted = await eventually(
          async () => (await admin.campaigns.getCampaign({ id: created.id }, call)).campaign,
          (c) => c.actionCompletedCount === 1,
          { what: "the acknowledgement to be counted" });
        assert.equal(counted.deliveryCounts.acknowledged, 1);
        assert.equal(counted.deliveryCounts.sent, 2);
      });
    });

    describe("a scheduled start", () => {
      it("schedules a start an hour ahead, refuses one 30 s ahead or an update, and cancels the schedule", async () => {
        const { campaign: draft } = await admin.campaigns.createCampaign({
          name: unique("scheduled"), templateId: (await anyTemplate(admin)).id, userIds: ["someone"],
        }, call);
        const inAnHour = new Date(Date.now() + 3_600_000);
        const tooSoon = await rejection(admin.campaigns.startCampaign(
          { id: draft.id, startAt: timestampFromDate(new Date(Date.now() + 30_000)) }, call));
        assert.equal(tooSoon.code, Code.InvalidArgument);
        assert.deepEqual(tooSoon.findDetails(BadRequestSchema)[0].fieldViolations.map((v) => v.field), ["start_at"]);

        const { campaign: scheduled } = await admin.campaigns.startCampaign(
          { id: draft.id, startAt: timestampFromDate(inAnHour) }, call);
        assert.equal(scheduled.status, CampaignStatus.SCHEDULED);
        assert.equal(timestampDate(scheduled.scheduledStartAt).getTime(), inAnHour.getTime());
        assert.equal(draft.scheduledStartAt, undefined, "a draft has no scheduled start");
        const update = await rejection(admin.campaigns.updateCampaign({ id: draft.id, name: "later" }, call));
        assert.equal(update.code, Code.FailedPrecondition);
        const read = await eventually(
          async () => (await admin.campaigns.getCampaign({ id: draft.id }, call)).campaign,
          (c) => c.status === CampaignStatus.SCHEDULED, { what: "the campaign to read SCHEDULED" });
        assert.equal(timestampDate(read.scheduledStartAt).getTime(), inAnHour.getTime());

        const { campaign: cancelled } = await admin.campaigns.cancelCampaign({ id: draft.id }, call);
        assert.equal(cancelled.status, CampaignStatus.CANCELLED);
      });
    });

    describe("errors", () => {
      it("refuses an empty campaign name: INVALID_ARGUMENT naming the field, with a BadRequest detail", async () => {
        const error = await rejection(admin.campaigns.createCampaign({
          name: "", templateId: "00000000-0000-4000-8000-000000000000", userIds: ["someone"],
        }, call));
        assert.equal(error.code, Code.InvalidArgument);
        const [badRequest, ...more] = error.findDetails(BadRequestSchema);
        assert.equal(more.length, 0);
        assert.deepEqual(badRequest.fieldViolations.map((v) => v.field), ["name"]);
        const [violation] = badRequest.fieldViolations;
        assert.equal(violation.description, "must be at least 1 characters");
        assert.equal(error.rawMessage, `name: ${violation.description}`);
      });

      it("refuses a call without a token: UNAUTHENTICATED", async () => {
        const anonymous = clients(makeTransport, null);
        const error = await rejection(anonymous.campaigns.listCampaigns({}, call));
        assert.equal(error.code, Code.Unauthenticated);
        assert.equal(error.rawMessage, "missing bearer token: send authorization: Bearer <JWT>");
      });

      it("refuses a token signed with another secret: UNAUTHENTICATED", async () => {
        const forged = clients(makeTransport, mintToken({ sub: "mallory", permissions: ["MANAGE_CAMPAIGNS"], secret: randomSecret() }));
        const error = await rejection(forged.campaigns.listCampaigns({}, call));
        assert.equal(error.code, Code.Unauthenticated);
        assert.match(error.rawMessage, /^invalid token/);
        assert.doesNotMatch(error.rawMessage, /eyJ/, "the token is never echoed");
      });

      it("refuses a recipient's token on a manager's RPC: PERMISSION_DENIED", { skip: !jwtSecret && "PIDGR_JWT_SECRET unknown" }, async () => {
        const recipient = clients(makeTransport, mintToken({ sub: unique("dave") }));
        const error = await rejection(recipient.campaigns.listCampaigns({}, call));
        assert.equal(error.code, Code.PermissionDenied);
      });

      it("keeps the deadline the client sent: a read waiting for a version never projected is answered before it", async () => {
        const { campaign } = await admin.campaigns.createCampaign({
          name: unique("deadline"), templateId: (await anyTemplate(admin)).id, userIds: ["someone"],
        }, call);
        const [name, value] = deadlineHeaders[transportName](1500);
        const started = Date.now();
        const error = await rejection(admin.campaigns.getCampaign({ id: campaign.id },
          { headers: { [name]: value, "x-pidgr-min-version": "999999" } }));
        const waited = Date.now() - started;
        assert.equal(error.code, Code.Unavailable, "the server's answer, not the client's timer (it set none)");
        assert.equal(error.rawMessage, "version 999999 is not readable yet; retry");
        // Without the header the server would hold the read for its own cap, 5 s (docs/configuration.md).
        assert.ok(waited < 4_000, `answered after ${waited} ms: within the 1.5 s deadline sent, not the server's 5 s`);
      });

      it("answers NOT_FOUND for a campaign that does not exist", async () => {
        const error = await rejection(admin.campaigns.getCampaign({ id: "00000000-0000-4000-8000-000000000001" }, call));
        assert.equal(error.code, Code.NotFound);
      });
    });
  });
}

/** A template to point campaigns at (created once per transport). */
let template;
async function anyTemplate(admin) {
  template ??= (await admin.templates.createTemplate({ name: unique("any"), title: "Hello", body: "Hello." }, call)).template;
  return template;
}

/** Pages through ListCampaigns (newest first) until the campaign shows up. */
async function findInList(admin, id) {
  let pageToken = "";
  do {
    const page = await admin.campaigns.listCampaigns({ pagination: { pageSize: 100, pageToken } }, call);
    const found = page.campaigns.find((c) => c.id === id);
    if (found) {
      return found;
    }
    pageToken = page.pagination.nextPageToken;
  } while (pageToken);
  assert.fail(`campaign ${id} is not listed`);
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConnectError, `a ConnectError, not ${error}`);
    return error;
  }
  assert.fail("the call succeeded");
}

function capitalized(name) {
  return name[0].toUpperCase() + name.slice(1);
}
