package dev.pidgr.bench.gateway;

/**
 * One round of the gateway phase: the gateway's campaign and the raw SMTP baseline, with the CPU seconds each
 * cost (the gateway: the dev JVM, GreenMail included; the baseline: the dev JVM's GreenMail and the harness's
 * client).
 */
public record GatewayRound(GatewayBench.Outcome gateway, double baselinePerSecond, double gatewayCpuSeconds,
                           double baselineCpuSeconds) {

    public double ratio() {
        return gateway.perSecond() / baselinePerSecond;
    }
}
