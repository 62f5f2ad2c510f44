package dev.pidgr.command.kafka;

import dev.pidgr.command.CommandSettings;
import dev.pidgr.events.v1.TemplateCommand;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The single writer of pidgr.template.events. Per command, within one transaction: decide, forward
 * the event, update the store, forward the result.
 */
final class TemplateCommandProcessor implements Processor<String, byte[], String, byte[]> {

    private final CommandSettings settings;
    private ProcessorContext<String, byte[]> context;
    private CommandPipeline<TemplateCommand> pipeline;

    TemplateCommandProcessor(CommandSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        TemplateStore store = new TemplateStore(context.getStateStore(StoreNames.TEMPLATES));
        IdempotencyStore idempotency = new IdempotencyStore(context.getStateStore(StoreNames.TEMPLATE_IDEMPOTENCY),
                settings.idempotencyTtl());
        Outputs out = new Outputs(context, CommandTopology.TEMPLATE_EVENTS_SINK, CommandTopology.TEMPLATE_RESULTS_SINK,
                CommandTopology.TEMPLATE_DLQ_SINK);
        pipeline = new CommandPipeline<>(CommandParsing.TEMPLATE, new TemplatePlanner(store), idempotency, out,
                settings.templateLookupGrace());
        context.schedule(settings.idempotencyPurgeInterval(), PunctuationType.WALL_CLOCK_TIME, idempotency::purge);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Span span = CommandSpans.start(record, "pidgr.template_id");
        try (Scope ignored = span.makeCurrent()) {
            Outputs.Raw raw =
                    new Outputs.Raw(record.key(), record.value(), record.headers(), Sources.describe(context));
            switch (CommandParsing.parse(CommandParsing.TEMPLATE, record.key(), record.value(), record.headers())) {
                case CommandParsing.Parsed.Poison<TemplateCommand> p -> pipeline.poison(raw, p, record.timestamp());
                case CommandParsing.Parsed.Ok<TemplateCommand> ok ->
                        pipeline.handle(ok.command(), context.currentSystemTimeMs(), record.timestamp(), raw);
            }
        } finally {
            span.end();
        }
    }
}
