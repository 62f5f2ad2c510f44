package dev.pidgr.app.cli;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.NudgeCampaignRequest;
import dev.pidgr.api.v1.NudgeCampaignResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pidgr campaign nudge ID [--status S]... [--unread-only] [--user U]... [--rate N]}: reminds now the matching
 * deliveries of an active campaign, paced, in the background; prints how many matched.
 */
@Command(name = "nudge", mixinStandardHelpOptions = true,
        description = "Remind now the deliveries of an active campaign that match (status, unread, users), paced.")
final class CampaignNudge implements Callable<Integer> {

    /** The statuses a nudge can select. */
    enum Selectable { SENT, DELIVERED }

    @Mixin ClientOptions client;
    @Parameters(index = "0", description = "Campaign id.") String id;

    @Option(names = "--status", description = "Only deliveries in this status (SENT or DELIVERED); repeat for both "
            + "(default: both).")
    List<Selectable> statuses = new ArrayList<>();

    @Option(names = "--unread-only", description = "Only deliveries the recipient has not read.") boolean unreadOnly;

    @Option(names = "--user", description = "Only this recipient; repeat (at most 1,000; default: everyone).")
    List<String> users = new ArrayList<>();

    @Option(names = "--rate", description = "Reminders per second, 1 to 10,000 (default: 1,000).") Integer rate;

    @Option(names = "--step", description = "The SEND_REMINDER step the reminders are recorded under.") String step;

    @Option(names = "--idempotency-key", description = "Retry-safe key.") String key;

    @Override
    public Integer call() throws Exception {
        NudgeCampaignRequest.Builder request = NudgeCampaignRequest.newBuilder().setId(id).setUnreadOnly(unreadOnly)
                .addAllUserIds(users);
        statuses.forEach(s -> request.addStatuses(DeliveryStatus.valueOf("DELIVERY_STATUS_" + s.name())));
        if (rate != null) {
            request.setRatePerSecond(rate);
        }
        if (step != null) {
            request.setMessageStepId(step);
        }
        try (Client c = client.connect()) {
            NudgeCampaignResponse response = c.campaigns(key).nudgeCampaign(request.build());
            Output out = client.output();
            if (out.json()) {
                out.json(response);
                return 0;
            }
            out.fields(List.of(new String[] {"id", response.getCampaign().getId()},
                    new String[] {"status", CampaignCommands.status(response.getCampaign())},
                    new String[] {"version", String.valueOf(response.getCampaign().getVersion())},
                    new String[] {"matched", String.valueOf(response.getMatched())}));
        }
        return 0;
    }
}
