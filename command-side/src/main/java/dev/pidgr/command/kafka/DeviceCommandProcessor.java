package dev.pidgr.command.kafka;

import dev.pidgr.command.CommandSettings;
import dev.pidgr.events.v1.DeviceCommand;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The single writer of pidgr.device.events. Per command, within one transaction: decide, forward the
 * event, update the store, forward the result. No command waits for anything, so there is no parking lot.
 */
final class DeviceCommandProcessor implements Processor<String, byte[], String, byte[]> {

    private final CommandSettings settings;
    private ProcessorContext<String, byte[]> context;
    private CommandPipeline<DeviceCommand> pipeline;

    DeviceCommandProcessor(CommandSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        DeviceStore store = new DeviceStore(context.getStateStore(StoreNames.DEVICES));
        IdempotencyStore idempotency = new IdempotencyStore(context.getStateStore(StoreNames.DEVICE_IDEMPOTENCY),
                settings.idempotencyTtl());
        Outputs out = new Outputs(context, CommandTopology.DEVICE_EVENTS_SINK, CommandTopology.DEVICE_RESULTS_SINK,
                CommandTopology.DEVICE_DLQ_SINK);
        pipeline = new CommandPipeline<>(CommandParsing.DEVICE, new DevicePlanner(store), idempotency, out,
                settings.templateLookupGrace());
        context.schedule(settings.idempotencyPurgeInterval(), PunctuationType.WALL_CLOCK_TIME, idempotency::purge);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Span span = CommandSpans.start(record, "pidgr.user_id");
        try (Scope ignored = span.makeCurrent()) {
            Outputs.Raw raw =
                    new Outputs.Raw(record.key(), record.value(), record.headers(), Sources.describe(context));
            switch (CommandParsing.parse(CommandParsing.DEVICE, record.key(), record.value(), record.headers())) {
                case CommandParsing.Parsed.Poison<DeviceCommand> p -> pipeline.poison(raw, p, record.timestamp());
                case CommandParsing.Parsed.Ok<DeviceCommand> ok ->
                        pipeline.handle(ok.command(), context.currentSystemTimeMs(), record.timestamp(), raw);
            }
        } finally {
            span.end();
        }
    }
}
