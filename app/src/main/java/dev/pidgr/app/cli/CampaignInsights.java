package dev.pidgr.app.cli;

import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.api.v1.ListCampaignHistoryRequest;
import dev.pidgr.api.v1.ListCampaignHistoryResponse;
import dev.pidgr.api.v1.MessagePreview;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.api.v1.PreviewCampaignRequest;
import dev.pidgr.api.v1.PreviewCampaignResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pidgr campaign preview|history}: what members would get, and what happened to a campaign. */
final class CampaignInsights {

    private CampaignInsights() {
    }

    @Command(
            name = "preview",
            mixinStandardHelpOptions = true,
            description = "Show the message chosen members would get, exactly as it would be delivered.")
    static final class Preview implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", description = "Campaign id.") String id;

        @Option(names = {"-u", "--user"}, required = true, description = "A member of the audience (1 to 20).")
        List<String> users;

        @Option(names = "--step", defaultValue = "", description = "A SEND_NOTIFICATION or SEND_REMINDER step id.")
        String step;

        @Override
        public Integer call() throws Exception {
            try (Client c = client.connect()) {
                PreviewCampaignResponse response = c.campaigns().previewCampaign(PreviewCampaignRequest.newBuilder()
                        .setId(id).addAllUserIds(users).setStepId(step).build());
                Output out = client.output();
                if (out.json()) {
                    out.json(response);
                    return 0;
                }
                for (MessagePreview p : response.getPreviewsList()) {
                    out.fields(List.of(
                            new String[] {"user", p.getUserId()},
                            new String[] {"title", p.getMessage().getTitle()},
                            new String[] {"content id", p.getMessage().getContentId()},
                            new String[] {"missing", String.join(", ", p.getMissingVariablesList())}));
                    out.line(p.getMessage().getBody());
                    out.line("");
                }
            }
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "List a campaign's events, oldest first.")
    static final class History implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", description = "Campaign id.") String id;
        @Option(names = "--page-size", defaultValue = "20", description = "Page size (max 100).") int pageSize;
        @Option(names = "--page-token", defaultValue = "", description = "Token of the page to show.") String pageToken;

        @Override
        public Integer call() throws Exception {
            try (Client c = client.connect()) {
                ListCampaignHistoryResponse response = c.campaigns().listCampaignHistory(
                        ListCampaignHistoryRequest.newBuilder().setId(id)
                                .setPagination(Pagination.newBuilder().setPageSize(pageSize).setPageToken(pageToken))
                                .build());
                Output out = client.output();
                if (out.json()) {
                    out.json(response);
                    return 0;
                }
                List<List<String>> rows = new ArrayList<>();
                for (CampaignHistoryEntry e : response.getEntriesList()) {
                    rows.add(List.of(String.valueOf(e.getVersion()), Output.time(e.getOccurredAt()), e.getActor(),
                            e.getEventType(), e.getSummary()));
                }
                out.table(List.of("VERSION", "AT", "ACTOR", "EVENT", "SUMMARY"), rows);
                Pages.footer(out, response.getPaginationMeta());
            }
            return 0;
        }
    }
}
