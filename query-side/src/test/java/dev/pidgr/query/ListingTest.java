package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.query.support.CampaignStream;
import dev.pidgr.query.support.Db;
import dev.pidgr.query.support.RunStream;
import dev.pidgr.query.support.TemplateStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListingTest {

    private static final String ORG = "org-a";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private HikariDataSource db;
    private Direct direct;
    private PostgresReads reads;

    @BeforeEach
    void setUp() throws Exception {
        db = Db.fresh();
        direct = Direct.on(db);
        reads = new PostgresReads(db, new PageTokens("listing-test-key-of-32-bytes!!!!".getBytes()));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void shouldPage45CampaignsBy20WithoutDuplicatesWhileMoreAreCreated() throws Exception {
        for (int i = 0; i < 45; i++) {
            createCampaign(ORG, "c" + i, T0.plusSeconds(i % 7)); // many equal creation times: the id breaks ties
        }
        AtomicInteger created = new AtomicInteger();
        CompletableFuture<Void> concurrent = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 30; i++) {
                try {
                    createCampaign(ORG, "new" + i, T0.plusSeconds(3600 + i));
                    created.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        Page<Campaign> first = reads.campaigns(ORG, new PageRequest(20, ""));
        concurrent.join();
        Page<Campaign> second = reads.campaigns(ORG, new PageRequest(20, first.nextPageToken()));
        Page<Campaign> third = reads.campaigns(ORG, new PageRequest(20, second.nextPageToken()));

        List<String> seen = new ArrayList<>();
        for (Page<Campaign> page : List.of(first, second, third)) {
            page.items().forEach(c -> seen.add(c.getId()));
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(third.nextPageToken()).isEmpty();
        assertThat(second.totalCount()).isEqualTo(45 + created.get());
        assertThat(seen).containsAll(idsOfFirst45());
    }

    @Test
    void shouldPage45CampaignsInto20And20And5NewestFirst() throws Exception {
        for (int i = 0; i < 45; i++) {
            createCampaign(ORG, "c" + i, T0.plusSeconds(i));
        }
        createCampaign("org-b", "foreign", T0.plusSeconds(99));

        Page<Campaign> first = reads.campaigns(ORG, new PageRequest(20, ""));
        Page<Campaign> second = reads.campaigns(ORG, new PageRequest(20, first.nextPageToken()));
        Page<Campaign> third = reads.campaigns(ORG, new PageRequest(20, second.nextPageToken()));

        assertThat(first.items()).hasSize(20);
        assertThat(second.items()).hasSize(20);
        assertThat(third.items()).hasSize(5);
        assertThat(third.nextPageToken()).isEmpty();
        assertThat(first.totalCount()).isEqualTo(45);
        assertThat(first.items().getFirst().getName()).isEqualTo("c44");
        assertThat(third.items().getLast().getName()).isEqualTo("c0");
    }

    @Test
    void shouldListOnlyCampaignsOfTheStatusAskedForPagedWithTheirTotal() throws Exception {
        for (int i = 0; i < 5; i++) {
            CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
            direct.campaigns(
                    campaign.created("active" + i, 1, T0.plusSeconds(i)), campaign.started(T0.plusSeconds(10 + i)));
        }
        createCampaign(ORG, "draft", T0.plusSeconds(20));

        Page<Campaign> first = reads.campaigns(ORG, CampaignStatus.CAMPAIGN_STATUS_ACTIVE, new PageRequest(3, ""));
        Page<Campaign> second =
                reads.campaigns(ORG, CampaignStatus.CAMPAIGN_STATUS_ACTIVE, new PageRequest(3, first.nextPageToken()));

        assertThat(first.totalCount()).isEqualTo(5);
        assertThat(first.items()).extracting(Campaign::getName).containsExactly("active4", "active3", "active2");
        assertThat(second.items()).extracting(Campaign::getName).containsExactly("active1", "active0");
        assertThat(second.nextPageToken()).isEmpty();
        assertThat(reads.campaigns(ORG, CampaignStatus.CAMPAIGN_STATUS_CREATED, new PageRequest(3, "")).items())
                .extracting(Campaign::getName).containsExactly("draft");
        assertThatThrownBy(() -> reads.campaigns(
                        ORG, CampaignStatus.CAMPAIGN_STATUS_CREATED, new PageRequest(3, first.nextPageToken())))
                .as("a token is bound to its filter")
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void shouldClampThePageSizeAndDefaultIt() throws Exception {
        for (int i = 0; i < 120; i++) {
            createCampaign(ORG, "c" + i, T0.plusSeconds(i));
        }

        assertThat(reads.campaigns(ORG, new PageRequest(1000, "")).items()).hasSize(100);
        assertThat(reads.campaigns(ORG, new PageRequest(0, "")).items()).hasSize(20);
    }

    @Test
    void shouldRefuseTokensOfAnotherOrganizationOrQuery() throws Exception {
        for (int i = 0; i < 3; i++) {
            createCampaign(ORG, "c" + i, T0.plusSeconds(i));
        }
        String token = reads.campaigns(ORG, new PageRequest(1, "")).nextPageToken();

        assertThatThrownBy(() -> reads.campaigns("org-b", new PageRequest(1, token)))
                .isInstanceOf(InvalidPageTokenException.class);
        assertThatThrownBy(
                        () -> reads.templates(ORG, TemplateType.TEMPLATE_TYPE_UNSPECIFIED, new PageRequest(1, token)))
                .isInstanceOf(InvalidPageTokenException.class);
        assertThatThrownBy(() -> reads.deliveries(ORG, "c", DeliveryStatus.DELIVERY_STATUS_UNSPECIFIED,
                new PageRequest(1, token))).isInstanceOf(InvalidPageTokenException.class);
        assertThatThrownBy(() -> reads.campaigns(ORG, new PageRequest(1, token + "x")))
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void shouldListDeliveriesByUserIdWithStatusFilterAndExactTotals() throws Exception {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        RunStream run = new RunStream(ORG, campaign.id());
        direct.campaigns(campaign.created("Policy", 30, T0));
        List<com.google.protobuf.Message> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(run.sent("user-%02d".formatted(29 - i), T0));
        }
        for (int i = 0; i < 30; i += 3) {
            events.add(
                    run.acknowledged("user-%02d".formatted(i), DeliveryStatus.DELIVERY_STATUS_SENT, T0.plusSeconds(1)));
        }
        direct.deliveries(events);

        List<String> users = new ArrayList<>();
        String token = "";
        int total;
        do {
            Page<Delivery> page = reads.deliveries(ORG, campaign.id(), DeliveryStatus.DELIVERY_STATUS_UNSPECIFIED,
                    new PageRequest(7, token));
            page.items().forEach(d -> users.add(d.getUserId()));
            token = page.nextPageToken();
            total = page.totalCount();
        } while (!token.isEmpty());
        Page<Delivery> acked = reads.deliveries(ORG, campaign.id(), DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED,
                new PageRequest(4, ""));
        Page<Delivery> ackedNext = reads.deliveries(ORG, campaign.id(), DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED,
                new PageRequest(100, acked.nextPageToken()));

        assertThat(users).hasSize(30).isSorted().doesNotHaveDuplicates();
        assertThat(total).isEqualTo(30);
        assertThat(acked.totalCount()).isEqualTo(10);
        assertThat(acked.items()).extracting(Delivery::getUserId)
                .containsExactly("user-00", "user-03", "user-06", "user-09");
        assertThat(ackedNext.items())
                .hasSize(6)
                .allMatch(d -> d.getStatus() == DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED);
        assertThat(ackedNext.items().getFirst().getMessage().getTitle()).isEqualTo("Policy");
        assertThatThrownBy(() -> reads.deliveries(ORG, campaign.id(), DeliveryStatus.DELIVERY_STATUS_UNSPECIFIED,
                new PageRequest(4, acked.nextPageToken()))).isInstanceOf(InvalidPageTokenException.class);
        assertThat(reads.deliveries("org-b", campaign.id(), DeliveryStatus.DELIVERY_STATUS_UNSPECIFIED,
                new PageRequest(100, "")).items()).isEmpty();
    }

    @Test
    void shouldKeepEveryTemplateVersionAndListTheLatestNewestFirst() throws Exception {
        TemplateStream first = new TemplateStream(ORG, "t-first");
        TemplateStream second = new TemplateStream(ORG, "t-second");
        direct.templates(first.created("Welcome", TemplateType.TEMPLATE_TYPE_MARKDOWN, T0),
                second.created("Alert", TemplateType.TEMPLATE_TYPE_HTML, T0.plusSeconds(5)));
        direct.templates(first.updated("Hello again {{first_name}}", T0.plusSeconds(10)));
        direct.templates(
                new TemplateStream("org-b", "t-foreign").created("Other", TemplateType.TEMPLATE_TYPE_MARKDOWN, T0));

        Template latest = reads.template(ORG, "t-first", 0).orElseThrow();
        Template v1 = reads.template(ORG, "t-first", 1).orElseThrow();
        Page<Template> all = reads.templates(ORG, TemplateType.TEMPLATE_TYPE_UNSPECIFIED, new PageRequest(1, ""));
        Page<Template> rest =
                reads.templates(ORG, TemplateType.TEMPLATE_TYPE_UNSPECIFIED, new PageRequest(1, all.nextPageToken()));
        Page<Template> html = reads.templates(ORG, TemplateType.TEMPLATE_TYPE_HTML, new PageRequest(10, ""));

        assertThat(latest.getVersion()).isEqualTo(2);
        assertThat(latest.getBody()).isEqualTo("Hello again {{first_name}}");
        assertThat(latest.getName()).isEqualTo("Welcome");
        assertThat(latest.getCreatedAt()).isEqualTo(v1.getCreatedAt());
        assertThat(latest.getUpdatedAt().getSeconds()).isEqualTo(T0.plusSeconds(10).getEpochSecond());
        assertThat(latest.getVariables(0).getDefaultValue()).isEqualTo("there");
        assertThat(v1.getBody()).isEqualTo("Hello {{first_name}}");
        assertThat(v1.getVariables(0).getRequired()).isTrue();
        assertThat(all.items()).extracting(Template::getId).containsExactly("t-second");
        assertThat(rest.items()).extracting(Template::getId).containsExactly("t-first");
        assertThat(rest.items().getFirst().getVersion()).isEqualTo(2);
        assertThat(all.totalCount()).isEqualTo(2);
        assertThat(html.items()).extracting(Template::getId).containsExactly("t-second");
        assertThat(reads.template(ORG, "t-first", 3)).isEmpty();
        assertThat(reads.template("org-b", "t-first", 0)).isEmpty();
        assertThat(reads.templateVersion("t-first")).isEqualTo(2);
    }

    private final Set<String> first45 = new HashSet<>();

    private void createCampaign(String org, String name, Instant at) throws Exception {
        CampaignStream campaign = new CampaignStream(org, UUID.randomUUID().toString());
        direct.campaigns(campaign.created(name, 1, at));
        if (name.startsWith("c")) {
            first45.add(campaign.id());
        }
    }

    private Set<String> idsOfFirst45() {
        return first45;
    }
}
