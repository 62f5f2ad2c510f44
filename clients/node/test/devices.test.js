// DeviceService from Connect-ES over each of the four protocols: a recipient (a minted token, no
// permission) registers a device, lists it (reading its own write), replaces its token, sets and clears
// an email address, is refused an implausible address naming `email` and an unknown device with
// NOT_FOUND, and deactivates the device.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { Code, ConnectError } from "@connectrpc/connect";
import { Platform } from "../gen/pidgr/v1/device_pb.js";
import { BadRequestSchema } from "../gen/google/rpc/error_details_pb.js";
import { call, clients, jwtSecret, mintToken, transports, unique } from "../lib/support.js";

async function refusal(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ConnectError, `a ConnectError, not ${e}`);
    return e;
  }
  assert.fail("the call was not refused");
}

for (const [transportName, transport] of Object.entries(transports)) {
  describe(`DeviceService over ${transportName}`, { skip: !jwtSecret && "PIDGR_JWT_SECRET unknown" }, () => {
    let devices;
    let user;

    before(() => {
      user = unique("recipient");
      devices = clients(transport, mintToken({ sub: user })).devices;
    });

    it("registers a device for the caller and lists it at once", async () => {
      const { device } = await devices.register(
        { deviceId: "phone", platform: Platform.IOS, pushToken: "apns-token-1" }, call);
      assert.equal(device.deviceId, "phone");
      assert.equal(device.userId, user);
      assert.equal(device.platform, Platform.IOS);
      assert.equal(device.active, true);
      assert.ok(device.createdAt, "createdAt is set");

      const listed = await devices.listDevices({}, call);
      assert.deepEqual(listed.devices.map((d) => [d.deviceId, d.active]), [["phone", true]]);
    });

    it("replaces the token of a device registered again", async () => {
      const { device } = await devices.register(
        { deviceId: "phone", platform: Platform.ANDROID, pushToken: "fcm-token-2" }, call);
      assert.equal(device.platform, Platform.ANDROID);
      const listed = await devices.listDevices({}, call);
      assert.equal(listed.devices.length, 1);
    });

    it("sets and clears the email address", async () => {
      assert.equal((await devices.setEmail({ email: `${user}@example.org` }, call)).email, `${user}@example.org`);
      assert.equal((await devices.setEmail({ email: "" }, call)).email, "");
    });

    it("refuses an implausible address: INVALID_ARGUMENT naming email", async () => {
      const error = await refusal(devices.setEmail({ email: "not an address" }, call));
      assert.equal(error.code, Code.InvalidArgument);
      const [badRequest] = error.findDetails(BadRequestSchema);
      assert.deepEqual(badRequest.fieldViolations.map((v) => v.field), ["email"]);
    });

    it("refuses to deactivate a device it never registered: NOT_FOUND", async () => {
      const error = await refusal(devices.deactivate({ deviceId: "tablet" }, call));
      assert.equal(error.code, Code.NotFound);
    });

    it("deactivates the device and lists it inactive", async () => {
      assert.equal((await devices.deactivate({ deviceId: "phone" }, call)).success, true);
      const listed = await devices.listDevices({}, call);
      assert.deepEqual(listed.devices.map((d) => [d.deviceId, d.active]), [["phone", false]]);
    });
  });
}
