package dev.pidgr.app.run;

/**
 * How many copies of every pidgr topic and Kafka Streams internal topic the cluster keeps, and how
 * many must be in sync for a write to succeed (producers use acks=all). Asked for with
 * {@code --replication-factor} and {@code --min-insync-replicas}; 0 means "chosen from the cluster":
 * min(3, brokers) copies, and one fewer in sync (at least 1).
 */
record Replication(short factor, short minInsync) {

    static Replication resolve(short askedFactor, short askedMinInsync, int brokers) {
        short factor = askedFactor > 0 ? askedFactor : (short) Math.max(1, Math.min(3, brokers));
        short minInsync = askedMinInsync > 0 ? askedMinInsync : (short) Math.max(1, factor - 1);
        if (factor > brokers) {
            throw new IllegalArgumentException("--replication-factor " + factor + " needs at least " + factor
                    + " brokers; the cluster has " + brokers);
        }
        if (minInsync > factor) {
            throw new IllegalArgumentException("--min-insync-replicas " + minInsync
                    + " is more than --replication-factor " + factor + ": no write could ever succeed");
        }
        return new Replication(factor, minInsync);
    }
}
