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

/**
 * {@code pidgr campaign watch ID}: follows a campaign until it completes, fails or is cancelled and its delivery
 * counts are final (CampaignFollower), so the last line printed is the last word.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow a campaign's progress until it completes, fails or is cancelled.")
final class CampaignWatch implements Callable<Integer> {

    @Mixin ClientOptions client;
    @Parameters(index = "0", description = "Campaign id.") String id;

    @Option(names = "--interval", defaultValue = "PT1S", description = "How often to look (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--settle", defaultValue = "PT10S", description = "How long to wait, once the campaign has ended, "
            + "for its delivery counts to be final (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Override
    public Integer call() throws Exception {
        boolean terminal = Output.interactiveTerminal();
        Output out = client.output();
        try (Client c = client.connect()) {
            String[] last = {""};
            CampaignFollower.Outcome outcome = new CampaignFollower(
                    () -> c.campaigns().getCampaign(GetCampaignRequest.newBuilder().setId(id).build()).getCampaign(),
                    k -> last[0] = show(out, terminal, k, last[0]),
                    () -> Thread.sleep(interval.toMillis()),
                    settleReads()).follow();
            if (terminal && !out.json()) {
                out.line("");
            }
            if (!outcome.settled()) {
                client.err().println("pidgr campaign watch: the delivery counts were still being projected after "
                        + settle + "; pidgr campaign get " + id + " shows them later");
                client.err().flush();
            }
            return outcome.last().getStatus() == CampaignStatus.CAMPAIGN_STATUS_COMPLETED ? 0 : 3;
        }
    }

    /** Prints the campaign (as JSON every time, as a line when it changed); returns the line. */
    private static String show(Output out, boolean terminal, Campaign k, String last) {
        String line = describe(k);
        if (out.json()) {
            out.json(k);
        } else if (!line.equals(last)) {
            out.print(terminal ? "\r\033[K" + line : line + System.lineSeparator());
        }
        return line;
    }

    /** The reads the settle bound allows at this interval (at least one). */
    private int settleReads() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, settle.toMillis() / Math.max(1, interval.toMillis())));
    }

    static String describe(Campaign k) {
        DeliveryCounts n = k.getDeliveryCounts();
        int total = k.getTotalRecipients();
        int sentEver =
                n.getSent() + n.getDelivered() + n.getAcknowledged() + n.getMissed() + n.getFailed() + n.getNoDevice();
        String step = k.hasProgress() && !k.getProgress().getCurrentStepId().isEmpty()
                ? " step " + k.getProgress().getCurrentStepId()
                : "";
        return "%s%s  %s  sent %,d/%,d  delivered %,d  read %,d  acknowledged %,d  missed %,d%s%s".formatted(
                CampaignCommands.status(k), step, bar(sentEver, total), sentEver, total, n.getDelivered(), n.getRead(),
                n.getAcknowledged(), n.getMissed(), ifAny("  no device %,d", n.getNoDevice()),
                ifAny("  failed %,d", n.getFailed()));
    }

    /** The channels' outcomes only once there are any, so a campaign without them reads as before. */
    private static String ifAny(String format, int count) {
        return count == 0 ? "" : format.formatted(count);
    }

    private static String bar(int done, int total) {
        int width = 20;
        int filled = total == 0 ? 0 : (int) Math.min(width, (long) done * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
