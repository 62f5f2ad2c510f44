package dev.pidgr.app.cli;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CancelCampaignRequest;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.ListCampaignsResponse;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.UpdateCampaignRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pidgr campaign create|get|list|update|start|cancel|watch|nudge|preview|history}. */
@Command(
        name = "campaign",
        mixinStandardHelpOptions = true,
        description = "Create, change, start, cancel, read, watch and nudge campaigns.",
        subcommands = {
            CampaignCommands.Create.class,
            CampaignCommands.Get.class,
            CampaignCommands.ListAll.class,
            CampaignCommands.Update.class,
            CampaignCommands.Start.class,
            CampaignCommands.Cancel.class,
            CampaignWatch.class,
            CampaignNudge.class,
            CampaignInsights.Preview.class,
            CampaignInsights.History.class
        })
public final class CampaignCommands {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a draft campaign from a YAML or JSON file (CreateCampaignRequest).")
    static final class Create implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Option(names = {"-f", "--file"}, required = true, description = "The request file.") Path file;

        @Option(
                names = "--idempotency-key",
                description = "Retry-safe key: the same key and request give the same campaign.")
        String key;

        @Option(names = "--template-id", description = "Use this template (overrides the file's template_id).")
        String templateId;

        @Override
        public Integer call() throws Exception {
            long started = System.nanoTime();
            long size = RequestFiles.size(file);
            boolean large = size > 1_000_000;
            if (large) {
                client.err().printf("reading %s (%.1f MB)...%n", file, size / 1e6);
            }
            CreateCampaignRequest.Builder builder = RequestFiles.read(file, CreateCampaignRequest.newBuilder());
            if (templateId != null) {
                builder.setTemplateId(templateId);
            }
            CreateCampaignRequest request = builder.build();
            int members = Math.max(request.getAudienceCount(), request.getUserIdsCount());
            if (large) {
                client.err()
                        .printf(
                                "sending %,d members (%.1f MB request)...%n",
                                members, request.getSerializedSize() / 1e6);
            }
            try (Client c = client.connect()) {
                Campaign campaign = c.campaigns(key).createCampaign(request).getCampaign();
                if (large) {
                    client.err().printf("created in %.1f s%n", (System.nanoTime() - started) / 1e9);
                }
                show(client.output(), campaign);
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one campaign with its live counts.")
    static final class Get implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", description = "Campaign id.") String id;

        @Override
        public Integer call() throws Exception {
            try (Client c = client.connect()) {
                show(
                        client.output(),
                        c.campaigns()
                                .getCampaign(GetCampaignRequest.newBuilder()
                                        .setId(id)
                                        .build())
                                .getCampaign());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List campaigns, newest first.")
    static final class ListAll implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Option(names = "--page-size", defaultValue = "20", description = "Page size (max 100).") int pageSize;
        @Option(names = "--page-token", defaultValue = "", description = "Token of the page to show.") String pageToken;

        @Override
        public Integer call() throws Exception {
            try (Client c = client.connect()) {
                ListCampaignsResponse response = c.campaigns().listCampaigns(ListCampaignsRequest.newBuilder()
                        .setPagination(Pagination.newBuilder().setPageSize(pageSize).setPageToken(pageToken)).build());
                Output out = client.output();
                if (out.json()) {
                    out.json(response);
                    return 0;
                }
                List<List<String>> rows = new ArrayList<>();
                for (Campaign k : response.getCampaignsList()) {
                    rows.add(List.of(
                            k.getId(),
                            k.getName(),
                            status(k),
                            String.valueOf(k.getTotalRecipients()),
                            String.valueOf(k.getActionCompletedCount()),
                            String.valueOf(k.getMissedCount()),
                            Output.time(k.getCreatedAt())));
                }
                out.table(List.of("ID", "NAME", "STATUS", "RECIPIENTS", "ACKNOWLEDGED", "MISSED", "CREATED"), rows);
                Pages.footer(out, response.getPagination());
            }
            return 0;
        }
    }

    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = "Change a draft: flags, or a file in UpdateCampaignRequest shape.")
    static final class Update implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", description = "Campaign id.") String id;

        @Option(
                names = {"-f", "--file"},
                description = "A file with the fields to change (e.g. a new workflow).")
        Path file;

        @Option(names = "--name", description = "New name.") String name;
        @Option(names = "--title", description = "New title.") String title;
        @Option(names = "--sender-name", description = "New sender name.") String senderName;

        @Option(names = "--template-id", description = "New template (its latest version unless --template-version).")
        String templateId;

        @Option(names = "--template-version", description = "New pinned template version.") Integer templateVersion;

        @Option(names = "--expected-version", description = "Refuse (ABORTED) unless the campaign is at this version.")
        Long expectedVersion;

        @Option(names = "--idempotency-key", description = "Retry-safe key.") String key;

        @Override
        public Integer call() throws Exception {
            UpdateCampaignRequest.Builder request = file != null
                    ? RequestFiles.read(file, UpdateCampaignRequest.newBuilder()) : UpdateCampaignRequest.newBuilder();
            request.setId(id);
            if (name != null) request.setName(name);
            if (title != null) request.setTitle(title);
            if (senderName != null) request.setSenderName(senderName);
            if (templateId != null) request.setTemplateId(templateId);
            if (templateVersion != null) request.setTemplateVersion(templateVersion);
            if (expectedVersion != null) request.setExpectedVersion(expectedVersion);
            try (Client c = client.connect()) {
                show(client.output(), c.campaigns(key).updateCampaign(request.build()).getCampaign());
            }
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a draft: its workflow begins, now or (--at) later.")
    static final class Start implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", description = "Campaign id.") String id;

        @Option(names = "--at", description = "Schedule the start: an ISO-8601 instant (2026-12-24T08:00:00Z) or a"
                + " time from now (+90s, +10m, +2h, +1d, +PT1H30M); 1 minute to 365 days ahead. On a scheduled"
                + " campaign, without --at starts it now.")
        String at;

        @Option(names = "--expected-version", description = "Refuse (ABORTED) unless the campaign is at this version.")
        Long expectedVersion;

        @Option(names = "--idempotency-key", description = "Retry-safe key.") String key;

        @Override
        public Integer call() throws Exception {
            StartCampaignRequest.Builder request = StartCampaignRequest.newBuilder().setId(id);
            if (expectedVersion != null) request.setExpectedVersion(expectedVersion);
            if (at != null) {
                Instant when = StartAt.parse(at, Instant.now());
                request.setStartAt(Timestamp.newBuilder().setSeconds(when.getEpochSecond()).setNanos(when.getNano()));
            }
            try (Client c = client.connect()) {
                show(client.output(), c.campaigns(key).startCampaign(request.build()).getCampaign());
            }
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a draft, scheduled or running campaign.")
    static final class Cancel implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", description = "Campaign id.") String id;

        @Option(names = "--expected-version", description = "Refuse (ABORTED) unless the campaign is at this version.")
        Long expectedVersion;

        @Option(names = "--idempotency-key", description = "Retry-safe key.") String key;

        @Override
        public Integer call() throws Exception {
            CancelCampaignRequest.Builder request = CancelCampaignRequest.newBuilder().setId(id);
            if (expectedVersion != null) request.setExpectedVersion(expectedVersion);
            try (Client c = client.connect()) {
                show(client.output(), c.campaigns(key).cancelCampaign(request.build()).getCampaign());
            }
            return 0;
        }
    }

    static String status(Campaign campaign) {
        return Output.shortName(campaign.getStatus(), "CAMPAIGN_STATUS_");
    }

    static void show(Output out, Campaign k) {
        if (out.json()) {
            out.json(k);
            return;
        }
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"id", k.getId()});
        fields.add(new String[] {"name", k.getName()});
        fields.add(new String[] {
            "status", status(k) + (k.getFailureReason().isEmpty() ? "" : " (" + k.getFailureReason() + ")")
        });
        fields.add(new String[] {"version", String.valueOf(k.getVersion())});
        fields.add(new String[] {"template", k.getTemplateId() + " v" + k.getTemplateVersion()});
        fields.add(new String[] {"title", k.getTitle()});
        fields.add(new String[] {"sender", k.getSenderName()});
        fields.add(new String[] {
            "steps",
            String.join(
                    " -> ",
                    k.getWorkflow().getStepsList().stream().map(s -> s.getId()).toList())
        });
        fields.add(new String[] {"recipients", String.valueOf(k.getTotalRecipients())});
        fields.add(new String[] {"acknowledged", String.valueOf(k.getActionCompletedCount())});
        fields.add(new String[] {"missed", String.valueOf(k.getMissedCount())});
        fields.add(new String[] {"deliveries", deliveries(k.getDeliveryCounts())});
        if (k.hasProgress() && !k.getProgress().getCurrentStepId().isEmpty()) {
            fields.add(new String[] {
                "current step",
                k.getProgress().getCurrentStepId() + " since "
                        + Output.time(k.getProgress().getStepEnteredAt())
            });
        }
        fields.add(new String[] {"created", Output.time(k.getCreatedAt())});
        if (k.hasScheduledStartAt()) {
            fields.add(new String[] {"scheduled start", Output.time(k.getScheduledStartAt())});
        }
        fields.add(new String[] {"started", Output.time(k.getStartedAt())});
        fields.add(new String[] {"ended", Output.time(k.getCompletedAt())});
        out.fields(fields);
    }

    /** Each delivery status's count that is not zero, in the lifecycle's order ("none" before the start). */
    static String deliveries(DeliveryCounts n) {
        var parts = new ArrayList<String>();
        addIfAny(parts, "pending", n.getPending());
        addIfAny(parts, "sent", n.getSent());
        addIfAny(parts, "delivered", n.getDelivered());
        addIfAny(parts, "acknowledged", n.getAcknowledged());
        addIfAny(parts, "missed", n.getMissed());
        addIfAny(parts, "no device", n.getNoDevice());
        addIfAny(parts, "failed", n.getFailed());
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static void addIfAny(List<String> parts, String status, int count) {
        if (count > 0) {
            parts.add("%s %,d".formatted(status, count));
        }
    }
}
