package dev.pidgr.app.cli;

import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.ListDeliveriesResponse;
import dev.pidgr.api.v1.Pagination;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pidgr deliveries list ID [--status S]}. */
@Command(name = "deliveries", mixinStandardHelpOptions = true, description = "List a campaign's deliveries.",
        subcommands = DeliveryCommands.ListAll.class)
public final class DeliveryCommands {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a campaign's deliveries by user id.")
    static final class ListAll implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", description = "Campaign id.") String campaignId;

        @Option(
                names = "--status",
                description = "Only this status: PENDING, SENT, DELIVERED, ACKNOWLEDGED, MISSED, NO_DEVICE, FAILED.")
        String status;

        @Option(names = "--page-size", defaultValue = "20", description = "Page size (max 100).") int pageSize;
        @Option(names = "--page-token", defaultValue = "", description = "Token of the page to show.") String pageToken;

        @Override
        public Integer call() throws Exception {
            ListDeliveriesRequest.Builder request = ListDeliveriesRequest.newBuilder().setCampaignId(campaignId)
                    .setPagination(Pagination.newBuilder().setPageSize(pageSize).setPageToken(pageToken));
            if (status != null) {
                request.setStatusFilter(DeliveryStatus.valueOf("DELIVERY_STATUS_" + status.toUpperCase(Locale.ROOT)));
            }
            try (Client c = client.connect()) {
                ListDeliveriesResponse response = c.campaigns().listDeliveries(request.build());
                Output out = client.output();
                if (out.json()) {
                    out.json(response);
                    return 0;
                }
                List<List<String>> rows = new ArrayList<>();
                for (Delivery d : response.getDeliveriesList()) {
                    rows.add(List.of(
                            d.getUserId(),
                            Output.shortName(d.getStatus(), "DELIVERY_STATUS_"),
                            Output.time(d.getSentAt()),
                            Output.time(d.getReadAt()),
                            Output.time(d.getAcknowledgedAt()),
                            String.valueOf(d.getReminderCount()),
                            d.getId()));
                }
                out.table(List.of("USER", "STATUS", "SENT", "READ", "ACKNOWLEDGED", "REMINDERS", "DELIVERY"), rows);
                Pages.footer(out, response.getPagination());
            }
            return 0;
        }
    }
}
