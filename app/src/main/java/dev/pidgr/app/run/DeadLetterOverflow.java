package dev.pidgr.app.run;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dead-letter copy that the broker refuses as too large is dropped, loudly, instead of stopping
 * the processor (which would meet the same poison record again after every restart). Dead-letter
 * topics accept more than any input topic (Limits.MAX_DEAD_LETTER_RECORD_BYTES), so this is the
 * last line, not the plan. Any other failure to produce still stops the processor, as exactly-once
 * requires.
 */
public final class DeadLetterOverflow implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOverflow.class);

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException && record.topic().endsWith(".dlq")) {
            LOG.error(
                    "dead-letter copy of {} offset {} ({} bytes) refused as too large by {}; the record is skipped,"
                            + " not parked",
                    context.topic(),
                    context.offset(),
                    record.value() == null ? 0 : record.value().length,
                    record.topic());
            return Response.resume();
        }
        return Response.fail();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
