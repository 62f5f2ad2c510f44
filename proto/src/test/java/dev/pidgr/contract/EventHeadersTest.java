package dev.pidgr.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignStarted;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.NotificationSent;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class EventHeadersTest {

    @Test
    void eventTypeIsThePayloadMessageName() {
        CampaignEvent started = CampaignEvent.newBuilder().setStarted(CampaignStarted.getDefaultInstance()).build();
        DeliveryEvent sent = DeliveryEvent.newBuilder()
                .setNotificationSent(NotificationSent.getDefaultInstance())
                .build();

        assertThat(EventHeaders.eventType(started)).isEqualTo("CampaignStarted");
        assertThat(EventHeaders.eventType(sent)).isEqualTo("NotificationSent");
    }

    @Test
    void headersCarryTypeIdAndContentType() {
        CampaignEvent started = CampaignEvent.newBuilder().setStarted(CampaignStarted.getDefaultInstance()).build();

        Headers headers = EventHeaders.of(started, "e-1");

        assertThat(EventHeaders.read(headers, EventHeaders.EVENT_TYPE)).isEqualTo("CampaignStarted");
        assertThat(EventHeaders.read(headers, EventHeaders.EVENT_ID)).isEqualTo("e-1");
        assertThat(EventHeaders.read(headers, EventHeaders.CONTENT_TYPE))
                .isEqualTo("application/x-protobuf; proto=pidgr.events.v1.CampaignEvent");
    }

    @Test
    void namespacedTopicsArePrefixed() {
        assertThat(Topics.withNamespace("t1").campaignEvents().name()).isEqualTo("t1.pidgr.campaign.events");
        assertThat(Topics.standard().campaignEvents().name()).isEqualTo("pidgr.campaign.events");
    }
}
