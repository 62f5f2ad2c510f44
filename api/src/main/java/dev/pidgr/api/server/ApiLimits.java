package dev.pidgr.api.server;

import java.time.Duration;

/**
 * How long a call may take and how many expensive ones may run at once, per server and per
 * organization (so that one tenant cannot take every slot). Beyond a count the call is answered
 * RESOURCE_EXHAUSTED at once (retry after a short delay); see docs/security.md.
 *
 * @param maxMutationDeadline         a mutation's deadline is at most this far away, whatever {@code grpc-timeout} says
 * @param maxCallDeadline             the same for every other call (reads, inbox, actions)
 * @param mutationsPerServer          mutations waiting for their command's result at once, on this server
 * @param mutationsPerOrganization    the same, for one organization
 * @param versionWaitsPerServer       reads waiting for an {@code x-pidgr-min-version} not yet projected, on this server
 * @param versionWaitsPerOrganization the same, for one organization
 * @param requestBytesPerServer       bytes of requests being received, parsed and served at once, on this server
 *                                    (a parsed request takes about ten times its bytes of heap)
 * @param requestBytesPerOrganization the same, for one organization (requests without a valid token share one)
 */
public record ApiLimits(
        Duration maxMutationDeadline,
        Duration maxCallDeadline,
        int mutationsPerServer,
        int mutationsPerOrganization,
        int versionWaitsPerServer,
        int versionWaitsPerOrganization,
        long requestBytesPerServer,
        long requestBytesPerOrganization) {

    /**
     * A thirty-second of the heap (at least 16 MiB) for request bytes in service, a quarter of it for one organization.
     */
    static final long DEFAULT_REQUEST_BYTES = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 32);

    public static final ApiLimits DEFAULTS = new ApiLimits(
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            256,
            64,
            64,
            16,
            DEFAULT_REQUEST_BYTES,
            DEFAULT_REQUEST_BYTES / 4);

    public ApiLimits {
        if (maxMutationDeadline.isNegative()
                || maxMutationDeadline.isZero()
                || maxCallDeadline.isNegative()
                || maxCallDeadline.isZero()) {
            throw new IllegalArgumentException("the deadline limits must be positive");
        }
        requireCounts("mutations", mutationsPerServer, mutationsPerOrganization);
        requireCounts("version waits", versionWaitsPerServer, versionWaitsPerOrganization);
        requireCounts("request bytes", requestBytesPerServer, requestBytesPerOrganization);
    }

    /** These limits with other mutation counts. */
    public ApiLimits withMutations(int perServer, int perOrganization) {
        return new ApiLimits(maxMutationDeadline, maxCallDeadline, perServer, perOrganization, versionWaitsPerServer,
                versionWaitsPerOrganization, requestBytesPerServer, requestBytesPerOrganization);
    }

    /** These limits with other counts of reads waiting for a version. */
    public ApiLimits withVersionWaits(int perServer, int perOrganization) {
        return new ApiLimits(
                maxMutationDeadline,
                maxCallDeadline,
                mutationsPerServer,
                mutationsPerOrganization,
                perServer,
                perOrganization,
                requestBytesPerServer,
                requestBytesPerOrganization);
    }

    /** These limits with another longest mutation deadline. */
    public ApiLimits withMaxMutationDeadline(Duration deadline) {
        return new ApiLimits(
                deadline,
                maxCallDeadline,
                mutationsPerServer,
                mutationsPerOrganization,
                versionWaitsPerServer,
                versionWaitsPerOrganization,
                requestBytesPerServer,
                requestBytesPerOrganization);
    }

    /** These limits with other amounts of request bytes in service. */
    public ApiLimits withRequestBytes(long perServer, long perOrganization) {
        return new ApiLimits(
                maxMutationDeadline,
                maxCallDeadline,
                mutationsPerServer,
                mutationsPerOrganization,
                versionWaitsPerServer,
                versionWaitsPerOrganization,
                perServer,
                perOrganization);
    }

    private static void requireCounts(String what, long perServer, long perOrganization) {
        if (perOrganization < 1 || perServer < perOrganization) {
            throw new IllegalArgumentException("the " + what + " limits need 1 <= per organization (" + perOrganization
                    + ") <= per server (" + perServer + ")");
        }
    }
}
