package dev.pidgr.command.kafka;

import org.apache.kafka.streams.processor.api.ProcessingContext;

/** Names the record being processed for logs and dead letters: {@code topic/partition@offset}. */
final class Sources {

    private Sources() {
    }

    static String describe(ProcessingContext context) {
        return context.recordMetadata()
                .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset())
                .orElse("unknown");
    }
}
