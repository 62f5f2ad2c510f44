package dev.pidgr.bench.gateway;

/**
 * One round of the gateway phase: the gateway's campaign and the raw SMTP baseline, with the CPU seconds each
 * cost (the gateway: the dev JVM, GreenMail included; the baseline: the dev JVM's GreenMail and the harness's
 * client), how many of the round's recipients hold exactly one mail and how many deliveries GetCampaign counts SENT
 * after it.
 */
public record GatewayRound(GatewayBench.Outcome gateway, long mailboxesWithExactlyOne, long countedSent,
                           double baselinePerSecond, double gatewayCpuSeconds, double baselineCpuSeconds) {

    public double ratio() {
        return gateway.perSecond() / baselinePerSecond;
    }
}
