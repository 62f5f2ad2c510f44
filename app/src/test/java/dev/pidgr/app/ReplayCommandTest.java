package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.Template;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code pidgr replay} against a running node: the projections are rebuilt and readers switched, with no downtime. */
@ExtendWith(SharedNode.class)
class ReplayCommandTest {

    final String org = "org-" + UUID.randomUUID();

    @Test
    void shouldRebuildTheProjectionsAndSwitchReadersWhileTheNodeRuns(RunningNode node) {
        Campaign before = createCampaign(node);

        Cli.Run replay = Cli.run(
                "replay",
                "--kafka",
                node.bootstrapServers(),
                "--namespace",
                node.namespace(),
                "--jdbc-url",
                node.settings.jdbcUrl(),
                "--jdbc-user",
                node.settings.jdbcUser(),
                "--jdbc-password",
                node.settings.jdbcPassword());
        Campaign after = createCampaign(node);

        assertThat(replay.exit()).as(replay.toString()).isZero();
        assertThat(replay.lines()).first().asString().startsWith("rebuilding");
        assertThat(replay.lines())
                .last()
                .asString()
                .matches("switched: readers now use pidgr_p\\d+ \\(pidgr_p\\d+ dropped\\); [\\d,]+ events in [\\d.ms]+"
                        + " \\([\\d,]+ during the replay\\)");
        assertThat(node.campaigns(node.admin(org))
                        .getCampaign(GetCampaignRequest.newBuilder()
                                .setId(before.getId())
                                .build())
                        .getCampaign()
                        .getName())
                .isEqualTo("Replayed");
        assertThat(node.campaigns(node.admin(org))
                        .listCampaigns(ListCampaignsRequest.getDefaultInstance())
                        .getCampaignsList())
                .extracting(Campaign::getId)
                .containsExactly(after.getId(), before.getId());
    }

    @Test
    void shouldRefuseToGuessWhereTheDeploymentIs() {
        Cli.Run run = Cli.run("replay", "--data-dir", "no-such-folder");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("pidgr replay: give --kafka and --jdbc-url");
    }

    private Campaign createCampaign(RunningNode node) {
        Template template = node.templates(node.admin(org)).createTemplate(CreateTemplateRequest.newBuilder()
                .setName("Policy").setBody("Hello").build()).getTemplate();
        return node.campaigns(node.admin(org)).createCampaign(CreateCampaignRequest.newBuilder().setName("Replayed")
                .setTemplateId(template.getId()).addUserIds("alice").build()).getCampaign();
    }
}
