package dev.pidgr.bench.gateway;

/**
 * One round of one channel of the gateway phase: the gateway's campaign and the raw client's baseline, with the CPU
 * seconds each cost (dev and harness), how many of the round's recipients got exactly one message and how many
 * deliveries GetCampaign counts SENT after it.
 */
public record GatewayRound(GatewayBench.Outcome gateway, long exactlyOne, long countedSent,
                           double baselinePerSecond, double gatewayCpuSeconds, double baselineCpuSeconds) {

    public double ratio() {
        return gateway.perSecond() / baselinePerSecond;
    }
}
