package dev.pidgr.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void namespaceIsTheUuid5OfTheEngineUrn() {
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, 'urn:pidgr:engine')
        assertThat(Ids.NAMESPACE.toString()).isEqualTo("05a4b068-777d-5a03-859e-3360904ded72");
    }

    @Test
    void deliveryIdMatchesAnIndependentUuid5Implementation() {
        // Python: uuid.uuid5(NAMESPACE, 'delivery:c1/u1')
        assertThat(Ids.deliveryId("c1", "u1")).isEqualTo("790d578c-cbf8-56eb-a530-bd6f5186e891");
    }

    @Test
    void sameInputsGiveTheSameIdAndDifferentInputsDifferentIds() {
        assertThat(Ids.deliveryId("c1", "u1")).isEqualTo(Ids.deliveryId("c1", "u1"));
        assertThat(Ids.deliveryId("c1", "u2")).isNotEqualTo(Ids.deliveryId("c1", "u1"));
        assertThat(Ids.campaignIdForIdempotencyKey("org", "k")).isNotEqualTo(Ids.campaignIdForIdempotencyKey("org2", "k"));
    }
}
