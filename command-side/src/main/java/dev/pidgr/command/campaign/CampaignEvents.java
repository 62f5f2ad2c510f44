package dev.pidgr.command.campaign;

import dev.pidgr.command.decision.EventIds;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandMetadata;
import java.util.ArrayList;
import java.util.List;

/** Wraps decided payloads into envelopes: ids, versions, time and actor all come from the command. */
final class CampaignEvents {

    private CampaignEvents() {
    }

    static List<CampaignEvent> stamp(
            CampaignCommand command, long currentVersion, List<CampaignEvent.Builder> payloads) {
        CommandMetadata m = command.getMetadata();
        List<CampaignEvent> events = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            events.add(payloads.get(i)
                    .setEventId(EventIds.of(m.getCommandId(), i))
                    .setCampaignId(command.getCampaignId())
                    .setOrganizationId(m.getOrganizationId())
                    .setVersion(currentVersion + i + 1)
                    .setOccurredAt(m.getIssuedAt())
                    .setCommandId(m.getCommandId())
                    .setActor(m.getActor())
                    .build());
        }
        return events;
    }
}
