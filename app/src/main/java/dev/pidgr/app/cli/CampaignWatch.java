package dev.pidgr.app.cli;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.GetCampaignRequest;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pidgr campaign watch ID}: follows a campaign until it completes, fails or is cancelled. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow a campaign's progress until it completes, fails or is cancelled.")
final class CampaignWatch implements Callable<Integer> {

    @Mixin ClientOptions client;
    @Parameters(index = "0", description = "Campaign id.") String id;

    @Option(names = "--interval", defaultValue = "PT1S", description = "How often to look (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    public Integer call() throws Exception {
        boolean terminal = Output.interactiveTerminal();
        Output out = client.output();
        try (Client c = client.connect()) {
            String last = "";
            while (true) {
                Campaign k = c.campaigns().getCampaign(GetCampaignRequest.newBuilder().setId(id).build()).getCampaign();
                String line = describe(k);
                if (out.json()) {
                    out.json(k);
                } else if (!line.equals(last)) {
                    out.print(terminal ? "\r\033[K" + line : line + System.lineSeparator());
                    last = line;
                }
                if (ended(k.getStatus())) {
                    if (terminal && !out.json()) {
                        out.line("");
                    }
                    return k.getStatus() == CampaignStatus.CAMPAIGN_STATUS_COMPLETED ? 0 : 3;
                }
                Thread.sleep(interval.toMillis());
            }
        }
    }

    private static boolean ended(CampaignStatus status) {
        return status == CampaignStatus.CAMPAIGN_STATUS_COMPLETED || status == CampaignStatus.CAMPAIGN_STATUS_FAILED
                || status == CampaignStatus.CAMPAIGN_STATUS_CANCELLED;
    }

    static String describe(Campaign k) {
        DeliveryCounts n = k.getDeliveryCounts();
        int total = k.getTotalRecipients();
        int sentEver =
                n.getSent() + n.getDelivered() + n.getAcknowledged() + n.getMissed() + n.getFailed() + n.getNoDevice();
        String step = k.hasProgress() && !k.getProgress().getCurrentStepId().isEmpty()
                ? " step " + k.getProgress().getCurrentStepId()
                : "";
        return "%s%s  %s  sent %,d/%,d  delivered %,d  read %,d  acknowledged %,d  missed %,d".formatted(
                CampaignCommands.status(k), step, bar(sentEver, total), sentEver, total, n.getDelivered(), n.getRead(),
                n.getAcknowledged(), n.getMissed());
    }

    private static String bar(int done, int total) {
        int width = 20;
        int filled = total == 0 ? 0 : (int) Math.min(width, (long) done * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
