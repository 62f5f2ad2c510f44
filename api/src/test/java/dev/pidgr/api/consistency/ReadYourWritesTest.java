package dev.pidgr.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pidgr.api.consistency.WriteTracker.Kind;
import dev.pidgr.api.grpc.ConcurrencyLimit;
import dev.pidgr.api.support.InMemoryReads;
import dev.pidgr.api.v1.Campaign;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadYourWritesTest {

    private final Clock clock = Clock.systemUTC();
    private final InMemoryReads projection = new InMemoryReads();
    private final WriteTracker tracker = new WriteTracker(clock);
    private final ReadYourWrites readYourWrites = new ReadYourWrites(
            tracker,
            projection,
            new PollingProjectionWait(clock),
            clock,
            new ConcurrencyLimit(
                    "version_waits", "reads waiting for x-pidgr-min-version", 64, 16, new SimpleMeterRegistry()));

    private static Campaign campaign(String id, long version) {
        return Campaign.newBuilder().setId(id).setVersion(version).build();
    }

    private Instant in(Duration duration) {
        return clock.instant().plus(duration);
    }

    @Test
    void shouldNotWaitWhenNothingWasWritten() {
        readYourWrites.awaitOne(Kind.CAMPAIGN, "org", "c1", in(Duration.ofMillis(1)));
        readYourWrites.awaitAll(Kind.CAMPAIGN, "org", in(Duration.ofMillis(1)));
        assertThat(tracker.size()).isZero();
    }

    @Test
    void shouldWaitUntilTheProjectionReachesTheWrite() throws Exception {
        projection.project("org", campaign("c1", 1));
        readYourWrites.written(Kind.CAMPAIGN, "org", "c1", 2);
        CompletableFuture<Void> read = CompletableFuture.runAsync(
                () -> readYourWrites.awaitOne(Kind.CAMPAIGN, "org", "c1", in(Duration.ofSeconds(30))));
        Thread.sleep(200);
        assertThat(read).isNotDone();
        projection.project("org", campaign("c1", 2));
        read.get(30, TimeUnit.SECONDS);
        assertThat(tracker.size()).isZero();
    }

    @Test
    void shouldMakeAListWaitForEveryWriteOfTheOrganization() throws Exception {
        readYourWrites.written(Kind.CAMPAIGN, "org", "c1", 1);
        readYourWrites.written(Kind.CAMPAIGN, "org", "c2", 1);
        readYourWrites.written(Kind.CAMPAIGN, "other", "c3", 1);
        projection.project("org", campaign("c1", 1));
        CompletableFuture<Void> list = CompletableFuture.runAsync(
                () -> readYourWrites.awaitAll(Kind.CAMPAIGN, "org", in(Duration.ofSeconds(30))));
        Thread.sleep(200);
        assertThat(list).isNotDone();
        projection.project("org", campaign("c2", 1));
        list.get(30, TimeUnit.SECONDS);
        assertThat(tracker.pending(Kind.CAMPAIGN, "org")).isEmpty();
        assertThat(tracker.pending(Kind.CAMPAIGN, "other")).containsEntry("c3", 1L);
    }

    @Test
    void shouldAnswerUnavailableRatherThanStaleData() {
        readYourWrites.written(Kind.TEMPLATE, "org", "t1", 3);
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> readYourWrites.awaitOne(Kind.TEMPLATE, "org", "t1", in(Duration.ofMillis(300))));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(tracker.pending(Kind.TEMPLATE, "org", "t1")).isEqualTo(3);
    }

    @Test
    void shouldWaitForTheDeviceVersionOfTheCallersOwnOrganization() {
        projection.projectDevices("other", "u1", 5, java.util.List.of());
        readYourWrites.written(Kind.DEVICE, "org", "u1", 1);

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> readYourWrites.awaitOne(Kind.DEVICE, "org", "u1", in(Duration.ofMillis(300))));
        projection.projectDevices("org", "u1", 1, java.util.List.of());
        readYourWrites.awaitOne(Kind.DEVICE, "org", "u1", in(Duration.ofSeconds(30)));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(tracker.pending(Kind.DEVICE, "org", "u1")).isZero();
    }

    @Test
    void shouldKeepANewerWriteWhenAnOlderOneIsObserved() {
        tracker.record(Kind.CAMPAIGN, "org", "c1", 5);
        tracker.observed(Kind.CAMPAIGN, "org", "c1", 4);
        assertThat(tracker.pending(Kind.CAMPAIGN, "org", "c1")).isEqualTo(5);
        tracker.observed(Kind.CAMPAIGN, "org", "c1", 5);
        assertThat(tracker.pending(Kind.CAMPAIGN, "org", "c1")).isZero();
    }

    @Test
    void shouldReadAgainUntilTheMinimumVersionIsVisible() throws Exception {
        projection.project("org", campaign("c1", 1));
        CompletableFuture<Optional<Campaign>> read = CompletableFuture.supplyAsync(() -> readYourWrites.readAtLeast(
                Kind.CAMPAIGN,
                "org",
                "c1",
                () -> projection.campaign("org", "c1"),
                Campaign::getVersion,
                2,
                in(Duration.ofSeconds(30))));
        Thread.sleep(200);
        projection.project("org", campaign("c1", 2));
        assertThat(read.get(30, TimeUnit.SECONDS)).map(Campaign::getVersion).contains(2L);
    }

    @Test
    void shouldNotRevealAnotherOrganizationsAggregateWhileWaitingForAMinimumVersion() {
        projection.project("other", campaign("c1", 5));
        StatusRuntimeException error = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> readYourWrites.readAtLeast(
                        Kind.CAMPAIGN,
                        "org",
                        "c1",
                        () -> projection.campaign("org", "c1"),
                        Campaign::getVersion,
                        1,
                        in(Duration.ofMillis(300))));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(projection.positionReads("c1")).isZero();
    }
}
