package dev.pidgr.command.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.check.StateCheck;
import dev.pidgr.command.check.StateCheckReport;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.command.testing.InMemoryCatalog;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignUpdated;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.CreateCampaign;
import dev.pidgr.events.v1.CreateTemplate;
import dev.pidgr.events.v1.UpdateCampaign;
import dev.pidgr.events.v1.UpdateTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stores are a cache of the fold of the event topics: after a workload of creates, updates, starts,
 * cancels and refusals, rebuilding from the topics gives exactly what the running instance holds, also
 * after an instance restored every store (the global template catalog by replaying the template events)
 * into an empty state directory; and a record the command side did not write makes the check fail.
 */
class StateRebuildOnRealKafkaTest {

    @Test
    void shouldFindTheStoresEqualToTheFoldOfTheEventsAfterAWorkload() throws Exception {
        try (RealBroker kafka =
                new RealBroker(CommandSettings.defaults().withTemplateLookupGrace(Duration.ofMinutes(10)))) {
            List<String> campaigns = workload(kafka);

            StateCheckReport report = StateCheck.run(
                    kafka.commandSide.streams(), kafka.readCommitted(), kafka.topics, Duration.ofSeconds(30));

            assertThat(report.consistent()).as("%s", report).isTrue();
            assertThat(report.campaigns()).isEqualTo(campaigns.size());
            assertThat(report.templates()).isEqualTo(3);
            assertThat(report.audienceChunks()).isGreaterThanOrEqualTo(campaigns.size() + 2);
            assertThat(report.catalogEntries())
                    .as("versions 1-3 of one template, 1 of two, and three latest pointers")
                    .isEqualTo(8);

            kafka.restartWithEmptyState();
            StateCheckReport restored = StateCheck.run(
                    kafka.commandSide.streams(), kafka.readCommitted(), kafka.topics, Duration.ofSeconds(30));
            CommandResult usesRestoredCatalog = kafka.await(kafka.send(Commands.create(Ids.uuid5("after-restore"),
                    Commands.createCampaign(Ids.uuid5("tpl-a"), 1).setTemplateVersion(3)).build()));

            assertThat(restored.consistent()).as("%s", restored).isTrue();
            assertThat(restored.campaigns()).isEqualTo(campaigns.size());
            assertThat(usesRestoredCatalog.hasAccepted()).as("%s", usesRestoredCatalog).isTrue();

            CampaignEvent foreign = CampaignEvent.newBuilder()
                    .setEventId(Ids.uuid5("foreign"))
                    .setCampaignId(campaigns.get(0))
                    .setOrganizationId(Commands.ORG)
                    .setVersion(99)
                    .setUpdated(CampaignUpdated.newBuilder().setName("forged"))
                    .build();
            kafka.send(kafka.topics.campaignEvents().name(), campaigns.get(0), foreign.toByteArray(), null);

            StateCheckReport tampered = StateCheck.run(
                    kafka.commandSide.streams(), kafka.readCommitted(), kafka.topics, Duration.ofSeconds(2));

            assertThat(tampered.consistent()).isFalse();
            assertThat(tampered.mismatches())
                    .singleElement()
                    .asString()
                    .startsWith("campaign " + campaigns.get(0) + ": store and events differ in ")
                    .contains("version", "name");
        }
    }

    /**
     * Three templates (one updated twice), eight campaigns through every lifecycle step, and a few refusals.
     * Commands are sent without waiting for each other, as concurrent clients would: campaign commands
     * racing their template's creation wait for it in the parking lot.
     */
    private static List<String> workload(RealBroker kafka) throws Exception {
        List<String> sent = new ArrayList<>();
        List<String> templates = List.of(Ids.uuid5("tpl-a"), Ids.uuid5("tpl-b"), Ids.uuid5("tpl-c"));
        for (String t : templates) {
            sent.add(kafka.send(Commands.createTemplate(
                            t,
                            CreateTemplate.newBuilder()
                                    .setName(t)
                                    .setBody("Hi {{first_name}}")
                                    .addVariables(InMemoryCatalog.optional("first_name")))
                    .build()));
        }
        sent.add(kafka.send(Commands.updateTemplate(
                        templates.get(0), UpdateTemplate.newBuilder().setBody("v2"))
                .build()));
        List<String> campaigns = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = Ids.uuid5("campaign-" + i);
            campaigns.add(id);
            int members = i == 0 ? 25_000 : 10 + i;
            sent.add(kafka.send(Commands.create(id, Commands.createCampaign(templates.get(i % 3), members)).build()));
            if (i % 2 == 0) {
                sent.add(kafka.send(Commands.update(
                                id,
                                UpdateCampaign.newBuilder()
                                        .setTitle("Title " + i)
                                        .setTemplateVersion(1))
                        .build()));
            }
            if (i % 3 != 2) {
                sent.add(kafka.send(Commands.start(id).build()));
            }
            if (i % 4 == 1) {
                sent.add(kafka.send(Commands.cancel(id).build()));
            }
            if (i == 4) {
                sent.add(kafka.send(Commands.complete(id).build()));
            }
        }
        sent.add(kafka.send(Commands.updateTemplate(
                        templates.get(0), UpdateTemplate.newBuilder().setBody("v3"))
                .build()));
        for (String commandId : sent) {
            CommandResult r = kafka.await(commandId);
            assertThat(r.hasAccepted()).as("%s", r).isTrue();
        }
        CampaignCommand refused = Commands.start(campaigns.get(1)).build();
        assertThat(kafka.await(kafka.send(refused)).hasRejected()).isTrue();
        assertThat(kafka.await(kafka.send(Commands.create(campaigns.get(2), CreateCampaign.newBuilder().setName("dup")
                .setTemplateId(templates.get(0))).build())).hasRejected()).isTrue();
        return campaigns;
    }
}
