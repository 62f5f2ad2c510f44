package dev.pidgr.contract.step;

/**
 * What the rules of a step's config depend on besides the step itself.
 *
 * @param allowInsecureWebhooks whether plain http and local or private webhook hosts are allowed (dev mode)
 */
public record Deployment(boolean allowInsecureWebhooks) {
}
