package dev.pidgr.command.kafka;

import static dev.pidgr.command.kafka.Fixtures.CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.command.testing.Audiences;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.Limits;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.CreateCampaign;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LargeAudienceTest {

    private final CommandDriver d = new CommandDriver();

    @AfterEach
    void close() {
        d.close();
    }

    static List<AudienceMember> audience() {
        return Audiences.full();
    }

    private static int recordSize(TestRecord<String, byte[]> r) {
        int headers = 0;
        for (Header h : r.headers()) {
            headers += h.key().length() + h.value().length;
        }
        return r.key().length() + r.value().length + headers;
    }

    @Test
    void shouldCreateA100000MemberCampaignInChunksUnderOneMebibyte() {
        List<AudienceMember> audience = audience();
        d.send(Fixtures.greetingTemplate());

        CommandResult result = d.result(d.send(Commands.create(CAMPAIGN,
                CreateCampaign.newBuilder().setName("Everyone").setTemplateId(TEMPLATE).addAllAudience(audience))));
        List<TestRecord<String, byte[]>> records = d.campaignEventRecords();

        assertThat(result.getAccepted().getCampaign().getTotalRecipients()).isEqualTo(100_000);
        assertThat(result.getSerializedSize()).isLessThan(4096);
        assertThat(records)
                .allSatisfy(r -> assertThat(recordSize(r)).isLessThan(Limits.MAX_PUBLIC_RECORD_BYTES - 1024));
        List<CampaignEvent> events = records.stream().map(CommandDriver::campaignEvent).toList();
        int chunks = events.get(0).getCreated().getAudienceChunkCount();
        assertThat(chunks).isGreaterThan(1).isEqualTo(events.size() - 1);
        assertThat(events.subList(1, events.size()))
                .allSatisfy(
                        e -> assertThat(e.getAudienceAdded().getChunkCount()).isEqualTo(chunks));
        assertThat(events.subList(1, events.size()).stream().map(e -> e.getAudienceAdded().getChunkIndex()).toList())
                .isEqualTo(java.util.stream.IntStream.range(0, chunks).boxed().toList());
        assertThat(events.subList(1, events.size()).stream()
                        .flatMap(e -> e.getAudienceAdded().getMembersList().stream())
                        .toList())
                .isEqualTo(audience);
        assertThat(events).extracting(CampaignEvent::getVersion)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, chunks + 1).boxed().toList());
        assertThat(result.getVersion()).isEqualTo(chunks + 1);
    }

    @Test
    void shouldKeepTheAudienceInPerChunkStoreValuesNoneNearOneMebibyte() {
        d.send(Fixtures.greetingTemplate());
        d.send(Commands.create(
                CAMPAIGN,
                CreateCampaign.newBuilder()
                        .setName("Everyone")
                        .setTemplateId(TEMPLATE)
                        .addAllAudience(audience())));

        List<KeyValue<String, byte[]>> entries = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = d.store(StoreNames.CAMPAIGNS).all()) {
            it.forEachRemaining(entries::add);
        }

        assertThat(entries)
                .allSatisfy(e -> assertThat(e.value.length).isLessThanOrEqualTo(Limits.AUDIENCE_CHUNK_MAX_BYTES));
        assertThat(entries).filteredOn(e -> e.key.equals(CAMPAIGN)).singleElement()
                .satisfies(e -> assertThat(e.value.length).isLessThan(4096));
        assertThat(entries).filteredOn(e -> e.key.startsWith(CAMPAIGN + "/audience/")).hasSize(entries.size() - 1);
    }

    @Test
    void shouldStartA100000MemberCampaignCheckingEveryMember() {
        d.send(Fixtures.greetingTemplate());
        d.send(Commands.create(
                CAMPAIGN,
                CreateCampaign.newBuilder()
                        .setName("Everyone")
                        .setTemplateId(TEMPLATE)
                        .addAllAudience(audience())));

        CommandResult started = d.result(d.send(Commands.start(CAMPAIGN)));

        assertThat(started.hasAccepted()).as("%s", started).isTrue();
        assertThat(started.getAccepted().getCampaign().getTotalRecipients()).isEqualTo(100_000);
    }
}
