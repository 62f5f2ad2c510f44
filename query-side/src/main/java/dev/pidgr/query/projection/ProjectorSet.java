package dev.pidgr.query.projection;

import dev.pidgr.contract.Topics;
import dev.pidgr.query.campaign.CampaignProjection;
import dev.pidgr.query.delivery.DeliveryProjection;
import dev.pidgr.query.device.DeviceProjection;
import dev.pidgr.query.template.TemplateProjection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projectors of one data schema (campaigns, templates, deliveries, devices), one thread each. One
 * thread per topic rather than one loop over all: campaign and template events (what read-your-writes
 * waits on) never queue behind a 100,000-event delivery fan-out, and the projections write disjoint
 * tables, so their transactions never contend. Used live (until stopped) and by a replay (until a target).
 */
public final class ProjectorSet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectorSet.class);

    private final List<Projector> projectors = new ArrayList<>();
    private final Duration pollTimeout;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final String schema;
    private boolean closed;

    /** {@code notifyChannel}: NOTIFY after each batch, or null (a replay's schema has no readers yet). */
    public ProjectorSet(DataSource dataSource, String schema, Topics topics, Properties baseConsumerConfig,
                        int maxBatchRecords, Duration pollTimeout, String notifyChannel) {
        this.schema = schema;
        this.pollTimeout = pollTimeout;
        List<Projection> projections = List.of(
                new CampaignProjection(schema, topics.campaignEvents().name()),
                new TemplateProjection(schema, topics.templateEvents().name()),
                new DeliveryProjection(schema, topics.deliveryEvents().name()),
                new DeviceProjection(schema, topics.deviceEvents().name()));
        for (Projection projection : projections) {
            Properties config = ConsumerConfigs.projector(baseConsumerConfig,
                    "pidgr-query-" + schema + "-" + projection.name(), maxBatchRecords);
            projectors.add(new Projector(dataSource, schema, projection, config, notifyChannel));
        }
    }

    public String schema() {
        return schema;
    }

    /** Starts the projectors on their threads; they run until {@link #stop()}. */
    public void start() {
        launch(Map.of(), false);
    }

    /** Runs the projectors until each has stored offsets at or past {@code target}, or until stopped. */
    public void runUntil(Map<TopicPartition, Long> target) throws InterruptedException {
        launch(target, true);
        join();
    }

    private synchronized void launch(Map<TopicPartition, Long> target, boolean bounded) {
        running.set(true);
        threads.clear();
        for (Projector projector : projectors) {
            Thread thread = Thread.ofPlatform()
                    .name("pidgr-projector-" + schema + "-" + projector.name())
                    .unstarted(() -> {
                        try {
                            ProjectorLoop.run(
                                    projector, pollTimeout, running::get, () -> bounded && projector.reached(target));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException e) {
                            log.error("projector {} of {} stopped", projector.name(), schema, e);
                        }
                    });
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops the projectors after their current batch and waits for them. */
    public void stop() throws InterruptedException {
        running.set(false);
        join();
    }

    private void join() throws InterruptedException {
        for (Thread thread : List.copyOf(threads)) {
            thread.join();
        }
    }

    /** The stored offsets of every projector (safe from any thread). */
    public Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        projectors.forEach(p -> positions.putAll(p.positions()));
        return positions;
    }

    /** Stops (waiting for the current batches) and closes the consumers. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        projectors.forEach(Projector::close);
    }
}
