package dev.pidgr.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    void shouldKeepTheWorkflowsPublishedIdsByteForByte() {
        // Python: uuid.uuid5(NAMESPACE, name) for each documented name (docs/events.md, "Ids")
        String delivery = Ids.deliveryId("c-1", "üser/1");
        assertThat(delivery).isEqualTo("62c6ed62-52cf-5eff-b938-dc87106368d3");
        assertThat(Ids.pushId(delivery, 0)).isEqualTo("4cb5178f-df64-5e42-9638-71138732d1ab");
        assertThat(Ids.pushId(delivery, 3)).isEqualTo("a1bf2c80-f9f8-523a-afff-c67659833a5b");
        assertThat(Ids.deliveryEventId("c-1", 7)).isEqualTo("81f4c999-4943-5d4f-ae83-ff99ba5f86cf");
        assertThat(Ids.webhookIdempotencyKey("c-1", "hook", 2)).isEqualTo("b2508bf9-c3fb-59b8-b440-58670af36b32");
        assertThat(Ids.uuid5("complete:c-1")).isEqualTo("41ba0a64-2bf7-542d-9236-613a8254cf9d");
        assertThat(Ids.uuid5("fail:c-1")).isEqualTo("0147a380-a087-57c4-80df-77fe1ccd84f2");
    }

    @Test
    void shouldGiveTheSameIdsOnManyThreadsAtOnce() throws Exception {
        List<java.util.concurrent.Future<String>> ids = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 400; i++) {
                String user = "u" + (i % 4);
                ids.add(pool.submit(() -> Ids.deliveryId("c1", user)));
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i).get()).isEqualTo(Ids.deliveryId("c1", "u" + (i % 4)));
        }
    }

    @Test
    void sameInputsGiveTheSameIdAndDifferentInputsDifferentIds() {
        assertThat(Ids.deliveryId("c1", "u1")).isEqualTo(Ids.deliveryId("c1", "u1"));
        assertThat(Ids.deliveryId("c1", "u2")).isNotEqualTo(Ids.deliveryId("c1", "u1"));
        assertThat(Ids.campaignIdForIdempotencyKey("org", "k"))
                .isNotEqualTo(Ids.campaignIdForIdempotencyKey("org2", "k"));
    }

    @Test
    void shouldNotLetAKeyWithASlashLandOnAnotherOrganizationsId() {
        assertThat(Ids.campaignIdForIdempotencyKey("a", "b/x"))
                .isNotEqualTo(Ids.campaignIdForIdempotencyKey("a/b", "x"));
        assertThat(Ids.templateIdForIdempotencyKey("a", "b/x"))
                .isNotEqualTo(Ids.templateIdForIdempotencyKey("a/b", "x"));
    }

    @Test
    void keyedIdsOfOrganizationsWithoutASlashAreTheIdsTheyAlwaysWere() {
        // Python: uuid.uuid5(NAMESPACE, 'campaign:org-1/key-42'), and 'template:org-1/key-42'
        assertThat(Ids.campaignIdForIdempotencyKey("org-1", "key-42"))
                .isEqualTo("bbb9afa1-f217-5a10-94d1-a4c976ab4c32");
        assertThat(Ids.templateIdForIdempotencyKey("org-1", "key-42"))
                .isEqualTo("11e50d65-a910-5dbf-b684-86026e339c89");
    }

    @Test
    void keyedIdsOfOrganizationsWithASlashAreLengthPrefixed() {
        // Python: uuid.uuid5(NAMESPACE, 'campaign-key:3:a/b/x')
        assertThat(Ids.campaignIdForIdempotencyKey("a/b", "x")).isEqualTo("b317f4c5-b5ce-5f33-9a1c-052c5ad2e80c");
    }

    /**
     * Every (organization, key) pair over an alphabet of the separators and a digit, up to three
     * characters each, gets its own id: 7,225 pairs, exhaustively, for campaigns and templates.
     */
    @Test
    void shouldGiveEveryOrganizationAndKeyPairItsOwnId() {
        List<String> strings = strings("a/:1", 3);
        Map<String, String> campaigns = new HashMap<>();
        Map<String, String> templates = new HashMap<>();
        for (String org : strings) {
            for (String key : strings) {
                String pair = org + " | " + key;
                assertThat(campaigns.put(Ids.campaignIdForIdempotencyKey(org, key), pair)).as(pair).isNull();
                assertThat(templates.put(Ids.templateIdForIdempotencyKey(org, key), pair)).as(pair).isNull();
            }
        }
        assertThat(campaigns).hasSize(strings.size() * strings.size());
    }

    @Test
    void shouldLengthPrefixOnlyOrganizationsWithASlashInUtf8Bytes() {
        assertThat(Ids.keyedName("campaign", "org", "k/1")).isEqualTo("campaign:org/k/1");
        assertThat(Ids.keyedName("campaign", "o/é", "k")).isEqualTo("campaign-key:4:o/é/k");
    }

    private static List<String> strings(String alphabet, int maxLength) {
        List<String> all = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (char c : alphabet.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            all.addAll(next);
            previous = next;
        }
        return all;
    }
}
