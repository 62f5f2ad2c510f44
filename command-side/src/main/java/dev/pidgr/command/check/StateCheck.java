package dev.pidgr.command.check;

import dev.pidgr.command.kafka.StateCodec;
import dev.pidgr.command.kafka.StoreKeys;
import dev.pidgr.command.kafka.StoreNames;
import dev.pidgr.contract.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The operator's check that the command side's state stores are what they claim to be: a cache of
 * the fold of pidgr.campaign.events and pidgr.template.events. It folds both topics from the
 * beginning (committed records only, up to their end offsets) and compares the result with the
 * stores of a running instance through interactive queries: campaign and template states, every
 * audience chunk, and the global template catalog. Aggregates the instance does not own are skipped,
 * so each instance of a multi-instance deployment checks its own share.
 *
 * <p>The stores may briefly run ahead of the committed events (a transaction in flight) or behind
 * them (the global catalog follows the template topic): differences are re-checked until they
 * disappear or {@code timeout} passes, so run it when the command load is quiet.
 */
public final class StateCheck {

    /** At most this many differences are listed in a report. */
    public static final int MAX_REPORTED = 100;

    private StateCheck() {
    }

    /**
     * @param streams      the running command side ({@code CommandSide.streams()}), state RUNNING
     * @param clientConfig Kafka client settings (bootstrap.servers and any security settings)
     * @param topics       the deployment's topics
     * @param timeout      how long differences may take to settle before they are reported
     */
    public static StateCheckReport run(KafkaStreams streams, Properties clientConfig, Topics topics, Duration timeout)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        ReadOnlyKeyValueStore<String, byte[]> campaigns = store(streams, StoreNames.CAMPAIGNS);
        ReadOnlyKeyValueStore<String, byte[]> templates = store(streams, StoreNames.TEMPLATES);
        ReadOnlyKeyValueStore<String, byte[]> catalog = store(streams, StoreNames.TEMPLATE_CATALOG);
        try (EventReader reader = new EventReader(clientConfig, topics)) {
            Ownership campaignOwner = Ownership.of(streams, topics.campaignCommands().name(),
                    reader.partitionCount(topics.campaignCommands().name()));
            Ownership templateOwner = Ownership.of(streams, topics.templateCommands().name(),
                    reader.partitionCount(topics.templateCommands().name()));
            EventFold fold = new EventFold();
            Set<String> chunkKeys = new HashSet<>();
            // Chunks never change once written, so each is compared once, as it is read.
            StoreComparison chunks = new StoreComparison();
            while (true) {
                reader.readToEnd(e -> {
                    fold.apply(e);
                    if (e.hasAudienceAdded() && campaignOwner.owns(e.getCampaignId())) {
                        String key = StoreKeys.audienceChunk(e.getCampaignId(), e.getAudienceAdded().getChunkIndex());
                        chunkKeys.add(key);
                        chunks.chunk(key, EventFold.chunk(e), campaigns);
                    }
                }, fold::apply, deadline);
                StoreComparison all = new StoreComparison();
                all.states("campaign", fold.campaigns, campaigns, StateCodec::decodeCampaign, campaignOwner);
                all.states("template", fold.templates, templates, StateCodec::decodeTemplate, templateOwner);
                all.chunkKeys(chunkKeys, campaigns);
                all.catalog(fold.catalog, catalog);
                List<String> problems = new ArrayList<>(chunks.problems());
                problems.addAll(all.problems());
                if (problems.isEmpty() || System.currentTimeMillis() > deadline) {
                    return new StateCheckReport(fold.campaigns.size(), chunkKeys.size(), fold.templates.size(),
                            fold.catalog.size(), problems.subList(0, Math.min(problems.size(), MAX_REPORTED)));
                }
                Thread.sleep(200);
            }
        }
    }

    private static ReadOnlyKeyValueStore<String, byte[]> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }
}
