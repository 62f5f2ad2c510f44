package dev.pidgr.command.kafka;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.DeviceSummary;
import dev.pidgr.api.v1.Template;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.events.v1.Accepted;
import dev.pidgr.events.v1.CommandResult;

/** Builds command results. An Accepted result carries the snapshot and never an audience. */
final class Results {

    private Results() {
    }

    static CommandResult accepted(String commandId, Campaign campaign) {
        return CommandResult.newBuilder().setCommandId(commandId).setAggregateId(campaign.getId())
                .setVersion(campaign.getVersion()).setAccepted(Accepted.newBuilder().setCampaign(campaign)).build();
    }

    static CommandResult accepted(String commandId, Template template) {
        return CommandResult.newBuilder().setCommandId(commandId).setAggregateId(template.getId())
                .setVersion(template.getVersion()).setAccepted(Accepted.newBuilder().setTemplate(template)).build();
    }

    static CommandResult accepted(String commandId, String userId, long version, DeviceSummary device) {
        return CommandResult.newBuilder().setCommandId(commandId).setAggregateId(userId).setVersion(version)
                .setAccepted(Accepted.newBuilder().setDevice(device)).build();
    }

    static CommandResult acceptedEmail(String commandId, String userId, long version, String email) {
        return CommandResult.newBuilder().setCommandId(commandId).setAggregateId(userId).setVersion(version)
                .setAccepted(Accepted.newBuilder().setEmail(email)).build();
    }

    static CommandResult rejected(String commandId, String aggregateId, long version, Rejection rejection) {
        return CommandResult.newBuilder().setCommandId(commandId).setAggregateId(aggregateId == null ? "" : aggregateId)
                .setVersion(version).setRejected(rejection.toProto()).build();
    }
}
