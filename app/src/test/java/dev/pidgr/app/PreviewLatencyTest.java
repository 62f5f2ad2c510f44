package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignServiceGrpc.CampaignServiceBlockingStub;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.MessagePreview;
import dev.pidgr.api.v1.PreviewCampaignRequest;
import dev.pidgr.api.v1.PreviewCampaignResponse;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateVariable;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PreviewCampaign of 20 members on a 100,000-member campaign, end to end over gRPC on a running node (real Kafka
 * and PostgreSQL). Prints the latency percentiles (docs/benchmarks.md, "Previews") and asserts only the answers:
 * timing thresholds do not belong in tests.
 */
@ExtendWith(SharedNode.class)
class PreviewLatencyTest {

    private static final int MEMBERS = 100_000;
    private static final int CALLS = 300;
    private static final int WARM_UP = 50;

    @Test
    void shouldPreviewTwentyMembersOfAHundredThousand(RunningNode node) {
        String org = "org-" + UUID.randomUUID();
        CampaignServiceBlockingStub campaigns = node.campaigns(node.admin(org)).withDeadlineAfter(5, TimeUnit.MINUTES);
        Template template = node.templates(node.admin(org)).createTemplate(CreateTemplateRequest.newBuilder()
                .setName("Policy").setTitle("Policy for {{first_name}}")
                .setBody("Hello {{first_name}}, please read the policy of {{team}}.")
                .addVariables(TemplateVariable.newBuilder().setName("first_name").setRequired(true))
                .addVariables(TemplateVariable.newBuilder().setName("team")).build())
                .getTemplate();
        CreateCampaignRequest.Builder request = CreateCampaignRequest.newBuilder().setName("Large")
                .setTemplateId(template.getId());
        for (int i = 0; i < MEMBERS; i++) {
            request.addAudience(AudienceMember.newBuilder().setUserId(user(i)).putVariables("first_name", "N" + i));
        }
        Campaign campaign = campaigns.createCampaign(request.build()).getCampaign();
        long created = System.nanoTime();
        // The projector writes the 100,000 members with the campaign: a read waits for that, up to its limit.
        await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> campaigns.getCampaign(
                GetCampaignRequest.newBuilder().setId(campaign.getId()).build()).getCampaign().getVersion()
                == campaign.getVersion());
        System.out.printf("CreateCampaign of %,d members readable %.1f s after its answer%n", MEMBERS,
                (System.nanoTime() - created) / 1e9);

        CampaignServiceBlockingStub previews = node.campaigns(node.admin(org));
        Random random = new Random(42);
        long[] nanos = new long[CALLS];
        for (int call = 0; call < WARM_UP + CALLS; call++) {
            List<Integer> chosen = random.ints(0, MEMBERS).distinct().limit(20).boxed().toList();
            PreviewCampaignRequest ask = PreviewCampaignRequest.newBuilder().setId(campaign.getId())
                    .addAllUserIds(chosen.stream().map(i -> user(i)).toList()).build();
            long started = System.nanoTime();
            PreviewCampaignResponse response =
                    previews.withDeadlineAfter(30, TimeUnit.SECONDS).previewCampaign(ask);
            long took = System.nanoTime() - started;
            if (call >= WARM_UP) {
                nanos[call - WARM_UP] = took;
            }
            assertThat(response.getPreviewsList()).extracting(MessagePreview::getUserId)
                    .containsExactlyElementsOf(chosen.stream().map(i -> user(i)).toList());
            MessagePreview first = response.getPreviews(0);
            assertThat(first.getMessage().getBody())
                    .isEqualTo("Hello N" + chosen.getFirst() + ", please read the policy of .");
            assertThat(first.getMissingVariablesList()).containsExactly("team");
        }
        Arrays.sort(nanos);
        System.out.printf("PreviewCampaign, 20 of %,d members, %d calls: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                        + " (load average %.1f)%n", MEMBERS, CALLS, ms(nanos, 0.50), ms(nanos, 0.99),
                nanos[CALLS - 1] / 1e6, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String user(int i) {
        return String.format("user-%06d", i);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
    }
}
