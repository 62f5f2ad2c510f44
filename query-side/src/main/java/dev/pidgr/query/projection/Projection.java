package dev.pidgr.query.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One projection: folds the records of one event topic into its tables. A projector calls it once
 * per batch inside the transaction that also moves the projection's offsets, so the rows and the
 * offsets commit together. Applying an event that is already reflected changes nothing.
 */
public interface Projection {

    /** The projection's name in projection_offsets (e.g. "campaigns"). */
    String name();

    /** The topic it consumes (namespace prefix included). */
    String topic();

    /** Applies {@code records} (in offset order per partition) inside the open transaction. */
    void apply(Connection connection, List<ConsumerRecord<byte[], byte[]>> records, Skips skips) throws SQLException;
}
