// CampaignService.NudgeCampaign from Connect-ES over native gRPC and Connect JSON: a running campaign's
// unacknowledged deliveries reminded once each, and the selector's bounds refused with the field named.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { Code, ConnectError } from "@connectrpc/connect";
import { CampaignStatus, DeliveryStatus, StepType } from "../gen/pidgr/v1/common_pb.js";
import { BadRequestSchema } from "../gen/google/rpc/error_details_pb.js";
import { adminToken, call, clients, eventually, jwtSecret, mintToken, transports, unique } from "../lib/support.js";

for (const transportName of ["gRPC (HTTP/2)", "Connect JSON (HTTP/1.1)"]) {
  const admin = clients(transports[transportName], adminToken);

  // Each recipient has an email address, so dev's gateway delivers (SENT) instead of NO_DEVICE.
  describe(`NudgeCampaign over ${transportName}`, { skip: !jwtSecret && "PIDGR_JWT_SECRET unknown" }, () => {
    const users = ["ada", "bob", "cy"].map((name) => unique(name));
    let campaign;
    let nudged;

    before(async () => {
      for (const user of users) {
        await clients(transports[transportName], mintToken({ sub: user })).devices
          .setEmail({ email: `${user}@example.test` }, call);
      }
      const { template } = await admin.templates.createTemplate(
        { name: unique("nudged"), title: "Hello", body: "Please acknowledge." }, call);
      ({ campaign } = await admin.campaigns.createCampaign({
        name: unique("nudged"),
        templateId: template.id,
        userIds: users,
        workflow: {
          steps: [
            { id: "send", type: StepType.SEND_NOTIFICATION, transitions: { completed: "wait" } },
            { id: "wait", type: StepType.DEADLINE_CHECK, config: { case: "deadlineCheck", value: { delay: "72h" } } },
          ],
        },
      }, call));
      await admin.campaigns.startCampaign({ id: campaign.id }, call);
      await eventually(
        async () => (await admin.campaigns.getCampaign({ id: campaign.id }, call)).campaign,
        (c) => c.status === CampaignStatus.ACTIVE && c.deliveryCounts?.sent === 3,
        { what: `campaign ${campaign.id} to have sent 3 notifications` });
      nudged = await admin.campaigns.nudgeCampaign(
        { id: campaign.id, statuses: [DeliveryStatus.SENT], ratePerSecond: 100 }, call);
    });

    it("answers how many deliveries it selected", () => {
      assert.equal(nudged.campaign.id, campaign.id);
      assert.equal(nudged.matched, 3);
    });

    it("reminds each of them once", async () => {
      const { deliveries } = await eventually(
        async () => admin.campaigns.listDeliveries({ campaignId: campaign.id }, call),
        (page) => page.deliveries.every((d) => d.reminderCount === 1),
        { what: "every delivery to be reminded" });
      assert.deepEqual(deliveries.map((d) => d.userId), [...users].sort());
      assert.ok(deliveries.every((d) => d.lastRemindedAt), "lastRemindedAt is set");
    });

    it("refuses a rate of 0: INVALID_ARGUMENT naming rate_per_second", async () => {
      let error;
      try {
        await admin.campaigns.nudgeCampaign({ id: campaign.id, ratePerSecond: 0 }, call);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof ConnectError, `a ConnectError, not ${error}`);
      assert.equal(error.code, Code.InvalidArgument);
      const [badRequest] = error.findDetails(BadRequestSchema);
      assert.deepEqual(badRequest.fieldViolations.map((v) => v.field), ["rate_per_second"]);
    });
  });
}
