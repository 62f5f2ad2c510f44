package dev.pidgr.contract;

/** Size limits that several modules must agree on. */
public final class Limits {

    /** No record on a public topic is larger than this (1 MiB, plus the record-batch overhead). */
    public static final int MAX_PUBLIC_RECORD_BYTES = 1024 * 1024 + 12;

    /** A command record (compressed) may be up to 64 MiB, the largest request the api accepts. */
    public static final int MAX_COMMAND_RECORD_BYTES = 64 * 1024 * 1024 + 1024;

    /**
     * A dead-letter copy is the parked record's bytes plus error headers, compressed again (which may
     * grow an incompressible record): dead-letter topics accept more than any input topic, so the copy
     * of a record as large as its topic allows always fits.
     */
    public static final int MAX_DEAD_LETTER_RECORD_BYTES = MAX_COMMAND_RECORD_BYTES + 1024 * 1024;

    /** The largest gRPC request the api accepts: a 100,000-member CreateCampaign fits. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;

    /**
     * Audience members per CampaignAudienceAdded event; together with the member limits this keeps each event under 1
     * MiB.
     */
    public static final int AUDIENCE_CHUNK_MAX_BYTES = 900 * 1024;

    private Limits() {
    }
}
