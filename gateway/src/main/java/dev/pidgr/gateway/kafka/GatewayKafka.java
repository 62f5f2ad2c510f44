package dev.pidgr.gateway.kafka;

import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.gateway.contact.ContactBook;
import dev.pidgr.gateway.send.Delivery;
import dev.pidgr.gateway.send.Finished;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's two Kafka threads: the contact reader and the delivery loop; a failure of either is reported. */
public final class GatewayKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayKafka.class);

    private final ContactReader reader;
    private final GatewayLoop loop;
    private final Thread readerThread;
    private final Thread loopThread;
    private volatile String failure;

    public GatewayKafka(Properties clientConfig, Topics topics, ContactBook book, int maxPendingPerPartition,
            BiFunction<PushRequest, Consumer<Finished>, Delivery> deliveries) {
        this.reader = new ContactReader(clientConfig, topics.deviceEvents(), book);
        this.loop = new GatewayLoop(clientConfig, topics.prefix() + "pidgr-gateway-" + UUID.randomUUID(), topics,
                deliveries, maxPendingPerPartition);
        this.readerThread = thread("pidgr-gateway-contacts", reader);
        this.loopThread = thread("pidgr-gateway-loop", loop);
    }

    private Thread thread(String name, Runnable body) {
        return Thread.ofPlatform().name(name).unstarted(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure = name + " failed: " + t;
                LOG.error("{} failed", name, t);
            }
        });
    }

    public void start(Duration timeout) throws InterruptedException {
        readerThread.start();
        if (!reader.awaitCaughtUp(timeout) && failure == null) {
            failure = "the device events were not read within " + timeout;
        }
        loopThread.start();
    }

    public boolean isReady() {
        return failure == null && reader.isCaughtUp() && loopThread.isAlive();
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() throws InterruptedException {
        loop.stop();
        reader.stop();
        loopThread.join(30_000);
        readerThread.join(30_000);
    }
}
