package dev.pidgr.app.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.DeliveryEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** What must hold of any stream pidgr wrote, whatever the scenario: nothing lost, nothing twice. */
final class Streams {

    private Streams() {
    }

    /** Records of {@code topic} per key, among {@code records} from index {@code from} on. */
    static Map<String, Long> countsByKey(List<StreamRecord> records, String topic, int from) {
        return records.subList(from, records.size()).stream().filter(r -> r.topic().equals(topic))
                .collect(Collectors.groupingBy(StreamRecord::key, TreeMap::new, Collectors.counting()));
    }

    /** How many records of each type a stream holds, and what each refusal said: for failure messages. */
    static String summary(List<StreamRecord> records) {
        Map<String, Long> types = records.stream().filter(r -> !r.isClock()).collect(Collectors.groupingBy(
                r -> r.topic() + " " + payload(Contract.parse(r)), TreeMap::new, Collectors.counting()));
        List<String> refusals = values(records, Contract.TOPICS.commandResults().name(), CommandResult.class).stream()
                .filter(CommandResult::hasRejected).map(r -> r.getAggregateId() + ": " + r.getRejected()).toList();
        return types + " refusals " + refusals;
    }

    private static String payload(Message message) {
        return message.getDescriptorForType().getRealOneofs().stream()
                .map(message::getOneofFieldDescriptor).filter(Objects::nonNull)
                .map(FieldDescriptor::getName).collect(Collectors.joining(","));
    }

    /**
     * Every campaign's events and delivery events numbered 1, 2, 3 ... without a gap or a repeat, and
     * one notification per recipient.
     */
    static void assertNothingRepeated(List<StreamRecord> records) {
        List<CampaignEvent> events = values(records, Contract.TOPICS.campaignEvents().name(), CampaignEvent.class);
        List<DeliveryEvent> deliveries = values(records, Contract.TOPICS.deliveryEvents().name(), DeliveryEvent.class);
        assertContiguous(events, CampaignEvent::getCampaignId, CampaignEvent::getVersion);
        assertContiguous(deliveries, DeliveryEvent::getCampaignId, DeliveryEvent::getVersion);
        assertThat(deliveries.stream().filter(DeliveryEvent::hasNotificationSent)
                .map(e -> e.getCampaignId() + "/" + e.getUserId())).doesNotHaveDuplicates();
    }

    private static <E> void assertContiguous(List<E> events, Function<E, String> campaign, Function<E, Long> version) {
        Map<String, List<Long>> versions = events.stream().collect(Collectors.groupingBy(campaign,
                Collectors.mapping(version, Collectors.toList())));
        versions.forEach((id, list) -> assertThat(list).as("versions of campaign %s", id)
                .isEqualTo(LongStream.rangeClosed(1, list.size()).boxed().toList()));
    }

    private static <V> List<V> values(List<StreamRecord> records, String topic, Class<V> type) {
        return records.stream().filter(r -> r.topic().equals(topic)).map(Contract::parse).map(type::cast).toList();
    }
}
