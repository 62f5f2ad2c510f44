package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pidgr.api.auth.DevTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web console in headless Chromium against {@code pidgr dev}, as a manager uses it: signed in by
 * the link the banner prints, a template and a 3-member campaign made through the pages, started,
 * its funnel and timeline reaching 3 sent, a recipient's acknowledgement (through the API) counted, its
 * history listed and two members previewed, a second campaign cancelled, a third scheduled then cancelled, a
 * fourth nudged (a refused rate named under its field, then one recipient reminded). Names are the XSS probe, which
 * must stay text. Each step leaves a screenshot in target/console-screenshots. The steps build on each
 * other, so they run in order.
 * Without chromium and chromedriver the class is skipped, unless PIDGR_BROWSER_TESTS=required (CI).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String PROBE = "<img src=x onerror=alert(1)>";
    private static final String SECRET = "a-console-test-secret-of-at-least-32-bytes";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DevProcess dev;
    private static Browser browser;
    private static String templateId;
    private static String campaignId;

    @BeforeAll
    static void start() throws Exception {
        boolean required = "required".equals(System.getenv("PIDGR_BROWSER_TESTS"));
        if (required) {
            assertThat(Browser.installed())
                    .as("chromium and chromedriver at " + Browser.CHROMIUM + ", " + Browser.CHROMEDRIVER)
                    .isTrue();
        }
        Assumptions.assumeTrue(Browser.installed(), "chromium and chromedriver are not installed");
        Path target = Files.createDirectories(Path.of("target"));
        dev = DevProcess.start(Files.createTempDirectory(target, "console-test-"), SECRET, Duration.ofMinutes(4));
        giveEveryRecipientAnEmailAddress();
        browser = new Browser(Path.of("target", "console-screenshots"));
    }

    /** So dev's gateway delivers by email and deliveries stay SENT rather than NO_DEVICE. */
    private static void giveEveryRecipientAnEmailAddress() throws Exception {
        DevTokens tokens = new DevTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        for (String user : List.of("alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank")) {
            String token = tokens.issue(user, dev.organization(), List.of(), Duration.ofHours(1));
            connect("DeviceService/SetEmail", "{\"email\":\"" + user + "@example.test\"}", token);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (dev != null) {
            dev.close();
        }
    }

    @Test
    @Order(1)
    void shouldSignInThroughThePrintedLinkAndDropTheTokenFromTheAddress() throws Exception {
        browser.open(dev.consoleLink);

        browser.untilText("main h1", "Campaigns");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(dev.uri("/console/#/campaigns"));
        assertThat(browser.script("return sessionStorage.getItem('pidgr.token')")).isEqualTo(dev.adminToken);
    }

    @Test
    @Order(2)
    void shouldCreateATemplateWhoseNameStaysText() throws Exception {
        browser.open(dev.uri("/console/#/templates/new"));
        browser.type("#name", PROBE);
        browser.type("#title", "Policy for {{first_name}}");
        browser.type("#body", "Hello {{first_name}}, please acknowledge.");
        browser.untilText("[data-variable=first_name] code", "first_name");
        browser.find("form button[type=submit]").click();

        browser.untilText("main h1", PROBE);
        templateId = browser.driver.getCurrentUrl().replaceAll(".*#/templates/", "");
        assertThat(browser.find("[data-testid=preview-title]").getText()).isEqualTo("Policy for <first_name>");
        assertNoProbeRan();
        browser.screenshot("template", Browser.WIDE);
    }

    @Test
    @Order(3)
    void shouldShowTheServersFieldViolationNextToTheField() throws Exception {
        browser.find("main a.button.primary").click();
        browser.until(d -> browser.find("#template_id").getAttribute("value").equals(templateId));
        browser.type("[data-field=audience] textarea", "user_id,first_name\nalice,Alice\nbob,Bob\ncarol,Carol");
        browser.untilText("#audience-status", "3 members");
        browser.find("form button[type=submit]").click();

        browser.untilText("#name-error", "must be at least 1 characters");
        assertThat(browser.find("#name").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("name");
        browser.screenshot("new-campaign-invalid", Browser.WIDE);
    }

    @Test
    @Order(4)
    void shouldShowAnAudienceErrorWithItsLine() throws Exception {
        browser.type("[data-field=audience] textarea", "user_id,first_name\nalice,Alice\n,Nobody");
        browser.find("#name").click();

        String error = browser.untilText("#audience-error", Duration.ofSeconds(30)).getText();

        assertThat(error).startsWith("line 3:");
    }

    @Test
    @Order(5)
    void shouldCreateAndStartA3MemberCampaignAndSeeFunnelAndTimelineReach3Sent() throws Exception {
        browser.type("[data-field=audience] textarea", "user_id,first_name\nalice,Alice\nbob,Bob\ncarol,Carol");
        browser.type("#name", "Travel policy " + PROBE);
        browser.type("#sender_name", "HR Team");
        browser.find("form button[type=submit]").click();
        browser.untilText("main h1", "Travel policy " + PROBE);
        campaignId = browser.driver.getCurrentUrl().replaceAll(".*#/campaigns/", "");

        browser.until(d -> browser.find(".page-head button.primary")).click();
        browser.until(d -> browser.find("dialog.confirm button.primary")).click();

        browser.untilText("[data-total=sent]", "3");
        browser.until(d -> browser.find("svg.timeline").getAttribute("aria-label").contains("sent 3") ? true : null);
        browser.untilText(".page-head .badge", "Completed");
        assertThat(browser.find("[data-stage=sent]").getText()).isEqualTo("3 (100%)");
        assertThat(browser.all("[aria-labelledby=deliveries-title] tbody tr")).hasSize(3);
        assertNoProbeRan();
    }

    @Test
    @Order(6)
    void shouldCountAnAcknowledgementMadeThroughTheApi() throws Exception {
        String alice = new DevTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
                .issue("alice", dev.organization(), List.of(), Duration.ofHours(1));
        String deliveryId = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> connect("InboxService/Sync", "{}", alice)
                                .path("entries")
                                .path(0)
                                .path("deliveryId")
                                .asText(),
                        id -> !id.isEmpty());
        connect("ActionService/SubmitAction", "{\"deliveryId\":\"" + deliveryId + "\",\"actionId\":\"ack\"}", alice);

        browser.until(d -> {
            d.navigate().refresh();
            return browser.untilText("[data-total=acknowledged]", Duration.ofSeconds(15))
                            .getText()
                            .equals("1")
                    ? true
                    : null;
        });
        browser.screenshot("campaign", Browser.WIDE);
        browser.screenshot("campaign-narrow", Browser.NARROW);
    }

    @Test
    @Order(7)
    void shouldListTheHistoryAndPreviewChosenMembers() throws Exception {
        browser.until(d -> browser.all("#history tbody tr").size() == 4 ? true : null);
        assertThat(browser.all("#history tbody tr td:nth-child(4)")).extracting(WebElement::getText)
                .containsExactly("CampaignCreated", "CampaignAudienceAdded", "CampaignStarted", "CampaignCompleted");
        assertThat(browser.find("#history tbody tr:nth-child(3) td:nth-child(5)").getText())
                .isEqualTo("started with 3 members");

        browser.type("#preview-users", "bob, alice");
        browser.find("#preview").click();
        browser.until(d -> browser.all("#previews article").size() == 2 ? true : null);
        assertThat(browser.all("#previews article")).extracting(e -> e.getAttribute("data-user"))
                .containsExactly("bob", "alice");
        assertThat(browser.find("[data-user=alice] pre").getText()).isEqualTo("Hello Alice, please acknowledge.");
        browser.screenshot("campaign-preview", Browser.WIDE);

        browser.type("#preview-users", "mallory");
        browser.find("#preview").click();
        browser.until(d -> browser.find("[aria-labelledby=preview-title] .error").getText().contains("user_ids[0]")
                ? true : null);
        assertThat(browser.all("#previews article")).isEmpty();
        assertNoProbeRan();
    }

    @Test
    @Order(8)
    void shouldWalkADeadlineChainShowingItsCurrentStepThenCancelItAfterConfirmation() throws Exception {
        createDraft("Second", "user_id,first_name\ndave,Dave\nerin,Erin", Workflow.CHAIN);
        browser.until(d -> browser.find(".page-head button.primary")).click();
        browser.until(d -> browser.find("dialog.confirm button.primary")).click();

        browser.until(d -> browser.all(".dag .node.current[data-step=deadline]").size() == 1 ? true : null);
        assertThat(browser.find("[data-testid=progress]").getText())
                .startsWith("Current step: deadline since")
                .contains("next wake-up");
        browser.screenshot("campaign-active", Browser.WIDE);
        WebElement filter = browser.find("#delivery-filter");
        browser.script("arguments[0].focus()", filter);
        browser.until(ExpectedConditions.stalenessOf(filter)); // the ACTIVE page re-rendered itself
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).as("focus kept across the refresh")
                .isEqualTo("delivery-filter");
        browser.until(d -> { // the page refreshes itself while ACTIVE: a button found may be replaced before the click
            browser.find(".page-head button.danger").click();
            return true;
        });
        browser.until(d -> browser.find("dialog.confirm button.danger")).click();

        browser.untilText(".page-head .badge", "Cancelled");
        assertThat(browser.all(".page-head button")).isEmpty();
    }

    @Test
    @Order(9)
    void shouldListBothCampaignsAndFilterByStatus() throws Exception {
        browser.open(dev.uri("/console/#/campaigns"));
        browser.until(d -> browser.all("tbody tr").size() == 2 ? true : null);
        assertThat(browser.find("[data-campaign='" + campaignId + "'] a").getText())
                .isEqualTo("Travel policy " + PROBE);
        assertNoProbeRan();
        browser.screenshot("campaigns", Browser.WIDE);

        new org.openqa.selenium.support.ui.Select(browser.find("#status-filter"))
                .selectByValue("CAMPAIGN_STATUS_CANCELLED");

        browser.until(d -> browser.all("tbody tr").size() == 1 ? true : null);
        assertThat(browser.find("tbody tr a").getText()).isEqualTo("Second");
    }

    @Test
    @Order(10)
    void shouldShowTemplatesAndOperations() throws Exception {
        browser.open(dev.uri("/console/#/templates"));
        browser.untilText("[data-template='" + templateId + "'] a", PROBE);
        browser.screenshot("templates", Browser.WIDE);

        browser.open(dev.uri("/console/#/operations"));
        browser.until(d -> browser.find("[data-testid=readiness]").getText().startsWith("Ready") ? true : null);
        browser.screenshot("operations", Browser.WIDE);
    }

    @Test
    @Order(11)
    void shouldScheduleADraftShowItsStartThenCancelIt() throws Exception {
        createDraft("Third", "user_id,first_name\nfrank,Frank", Workflow.DEFAULT);
        WebElement startAt = browser.until(d -> browser.find("#start-at"));
        String[] when = scheduleTwoDaysAhead(startAt);
        browser.find("#schedule").click();
        browser.until(d -> browser.find("dialog.confirm button.primary")).click();

        browser.untilText(".page-head .badge", "Scheduled");
        assertThat(browser.find("main .facts").getText()).contains("Scheduled start\n" + when[1]);
        assertThat(browser.find("#start").getText()).isEqualTo("Start now");
        browser.until(d -> browser.all("#history tbody tr").size() == 3 ? true : null);
        assertThat(browser.find("#history tbody tr:nth-child(3) td:nth-child(5)").getText())
                .isEqualTo("scheduled to start at " + when[0]);
        browser.find(".page-head button.danger").click();
        browser.until(d -> browser.find("dialog.confirm button.danger")).click();
        browser.untilText(".page-head .badge", "Cancelled");
        browser.untilText("#history tbody tr:nth-child(4) td:nth-child(5)", "cancelled before its scheduled start");
    }

    @Test
    @Order(12)
    void shouldNudgeAnActiveCampaignAndSeeTheReminderCountedAfterARefusedRate() throws Exception {
        createDraft("Fourth", "user_id,first_name\ngina,Gina\nhank,Hank", Workflow.CHAIN);
        browser.until(d -> browser.find(".page-head button.primary")).click();
        browser.until(d -> browser.find("dialog.confirm button.primary")).click();
        browser.until(d -> browser.all(".dag .node.current[data-step=deadline]").size() == 1 ? true : null);
        browser.untilText("[data-total=sent]", "2");

        browser.type("#nudge-rate", "10001");
        browser.find("#nudge").click();
        String refused = browser.untilText("#nudge-rate-error", Duration.ofSeconds(30)).getText();
        assertThat(refused).isEqualTo("must be greater than or equal to 1 and less than or equal to 10000");
        assertThat(browser.find("#nudge-rate").getAttribute("aria-invalid")).isEqualTo("true");

        browser.find("#nudge-rate").clear();
        browser.type("#nudge-users", "hank");
        browser.find("#nudge").click();

        browser.untilText("#nudge-result [data-matched]", "1 matched");
        browser.until(d -> reminders("hank").equals("1") ? true : null);
        String gina = browser.until(d -> reminders("gina"));
        assertThat(gina).isEqualTo("0");
        browser.until(d -> historyEvents().contains("CampaignNudgeFinished") ? true : null);
        assertThat(browser.all("#history tbody tr td:nth-child(5)")).extracting(WebElement::getText)
                .endsWith("nudge started at 1,000 reminders a second", "nudge finished: 1 reminder, 0 skipped");
        assertThat(browser.find("#nudge-rate").getAttribute("aria-invalid")).isNull();
        browser.screenshot("campaign-nudge", Browser.WIDE);
    }

    @Test
    @Order(13)
    void shouldShowNoDeviceInTheFunnelForRecipientsWithoutEmailOrDevice() throws Exception {
        createDraft("Unreachable", "user_id,first_name\nivan,Ivan\njudy,Judy", Workflow.DEFAULT);
        browser.until(d -> browser.find(".page-head button.primary")).click();
        browser.until(d -> browser.find("dialog.confirm button.primary")).click();

        browser.until(d -> {
            d.navigate().refresh();
            return browser.untilText("[data-total=sent]", Duration.ofSeconds(15)).getText().equals("2")
                            && !browser.all("[data-total=noDevice]").isEmpty()
                            && browser.find("[data-total=noDevice]").getText().equals("2")
                    ? true
                    : null;
        });

        assertThat(browser.find("[data-stage=noDevice]").getText()).isEqualTo("2 (100%)");
        assertThat(browser.all(".funnel .funnel-label")).extracting(WebElement::getText)
                .containsExactly("Sent", "Delivered", "Read", "Acknowledged", "Missed", "No device");
        assertThat(browser.find(".funnel").getAttribute("aria-label"))
                .isEqualTo("sent 2, delivered 0, read 0, acknowledged 0, missed 0, no device 2");
        assertThat(browser.all("[data-total=failed]")).isEmpty();
        browser.screenshot("campaign-no-device", Browser.WIDE);
    }

    /**
     * Types a start two days ahead (the server accepts 1 minute to 365 days) into the datetime-local field, in the
     * browser's time zone; returns it as the history writes it (UTC) and as the page shows it.
     */
    private static String[] scheduleTwoDaysAhead(WebElement startAt) {
        @SuppressWarnings("unchecked")
        List<String> when = (List<String>) browser.script("""
                const d = new Date(Date.now() + 2 * 86400000);
                d.setSeconds(0, 0);
                const two = (n) => String(n).padStart(2, "0");
                arguments[0].value = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
                    + `T${two(d.getHours())}:${two(d.getMinutes())}`;
                return [d.toISOString().replace(".000Z", "Z"),
                    d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" })];
                """, startAt);
        return when.toArray(String[]::new);
    }

    /** The Reminders cell of {@code user}'s row in the deliveries table. */
    private static String reminders(String user) {
        return browser.all("[aria-labelledby=deliveries-title] tbody tr").stream()
                .filter(row -> row.findElement(By.cssSelector("[data-label=User]")).getText().equals(user))
                .map(row -> row.findElement(By.cssSelector("[data-label=Reminders]")).getText())
                .findFirst().orElse("");
    }

    private static List<String> historyEvents() {
        return browser.all("#history tbody tr td:nth-child(4)").stream().map(WebElement::getText).toList();
    }

    private static void assertNoProbeRan() {
        assertThat(browser.alertOpen()).as("an alert opened: the probe ran").isFalse();
        assertThat(browser.all("img")).as("an <img> element: the probe became HTML").isEmpty();
    }

    /** One Connect JSON call; fails on any answer but 200. */
    private static JsonNode connect(String method, String body, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(dev.uri("/pidgr.v1." + method)))
                .header("content-type", "application/json").header("authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private enum Workflow { DEFAULT, CHAIN }

    /** Creates a draft from the new-campaign form with the test's template, and waits for its page. */
    private void createDraft(String name, String audienceCsv, Workflow workflow) {
        browser.open(dev.uri("/console/#/new?template=" + templateId));
        browser.until(d -> browser.find("#template_id").getAttribute("value").equals(templateId));
        browser.type("#name", name);
        browser.type("[data-field=audience] textarea", audienceCsv);
        if (workflow == Workflow.CHAIN) {
            browser.find("input[name=workflow-kind][value=chain]").click();
        }
        browser.find("form button[type=submit]").click();
        browser.untilText("main h1", name);
    }
}
