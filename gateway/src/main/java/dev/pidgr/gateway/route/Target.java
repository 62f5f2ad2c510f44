package dev.pidgr.gateway.route;

import dev.pidgr.events.v1.Channel;

/**
 * One place a push request goes: a device on its provider's channel, or the email address.
 *
 * @param deviceId the device, empty for email
 * @param address the push token or the email address
 */
public record Target(Channel channel, String deviceId, String address) {}
