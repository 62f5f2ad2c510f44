package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.JsonFormat;
import dev.pidgr.api.v1.ListDeliveriesResponse;
import dev.pidgr.api.v1.ListTemplatesResponse;
import dev.pidgr.api.v1.Template;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a running server, run as a user types them; what they print and their exit codes. */
@ExtendWith(SharedNode.class)
class CliTest {

    static RunningNode node;
    @TempDir
    Path dir;
    final String org = "org-" + UUID.randomUUID();

    @BeforeAll
    static void useSharedNode(RunningNode shared) {
        node = shared;
    }

    @Test
    void shouldCreateATemplateFromAYamlFileAndShowIt() throws Exception {
        Cli.Run created = admin("template", "create", "-f", templateFile().toString());

        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.field("name")).isEqualTo("Policy");
        assertThat(created.field("version")).isEqualTo("1");
        assertThat(created.field("type")).isEqualTo("MARKDOWN");
        assertThat(created.field("title")).isEqualTo("Policy for {{first_name}}");
        assertThat(created.field("variable first_name")).isEqualTo("required");
        assertThat(created.lines()).last().isEqualTo("Hello {{first_name}}, please acknowledge.");
        assertThat(created.err()).isEmpty();
    }

    @Test
    void shouldUpdateATemplateAndKeepShowingItsFirstVersion() throws Exception {
        String id = createTemplate();
        Path update = write("update.yaml", """
            body: "Hi {{first_name}}, read this."
            variables:
              - name: first_name
                required: true
            """);

        Cli.Run updated = admin("template", "update", id, "-f", update.toString());
        Cli.Run first = admin("template", "get", id, "--template-version", "1");
        Cli.Run latest = admin("template", "get", id);

        assertThat(updated.exit()).as(updated.toString()).isZero();
        assertThat(updated.field("version")).isEqualTo("2");
        assertThat(first.field("version")).isEqualTo("1");
        assertThat(first.lines()).last().isEqualTo("Hello {{first_name}}, please acknowledge.");
        assertThat(latest.field("version")).isEqualTo("2");
        assertThat(latest.lines()).last().isEqualTo("Hi {{first_name}}, read this.");
    }

    @Test
    void shouldListTemplatesAsATableAndAsJson() throws Exception {
        String id = createTemplate();

        Cli.Run table = admin("template", "list");
        Cli.Run json = admin("template", "list", "--json");

        assertThat(table.lines().get(0)).matches("ID\\s+NAME\\s+TYPE\\s+VERSION\\s+UPDATED");
        assertThat(table.rowsStartingWith(id)).singleElement()
                .satisfies(row -> assertThat(row.subList(0, 4)).containsExactly(id, "Policy", "MARKDOWN", "1"));
        assertThat(table.lines()).last().isEqualTo("(1 in all)");
        ListTemplatesResponse.Builder listed = ListTemplatesResponse.newBuilder();
        JsonFormat.parser().merge(json.out(), listed);
        assertThat(listed.getTemplatesList()).extracting(Template::getId).containsExactly(id);
        assertThat(listed.getPagination().getTotalCount()).isEqualTo(1);
    }

    @Test
    void shouldCreateShowListAndUpdateADraftCampaign() throws Exception {
        String templateId = createTemplate();

        Cli.Run created = admin("campaign", "create", "-f", campaignFile(templateId, "Travel policy").toString());
        String id = created.field("id");
        Cli.Run updated = admin("campaign", "update", id, "--name", "Travel policy 2026", "--title", "Read this");
        Cli.Run shown = admin("campaign", "get", id);
        Cli.Run listed = admin("campaign", "list");

        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.field("status")).isEqualTo("CREATED");
        assertThat(created.field("recipients")).isEqualTo("2");
        assertThat(created.field("template")).isEqualTo(templateId + " v1");
        assertThat(created.field("steps")).isEqualTo("send");
        assertThat(updated.field("name")).isEqualTo("Travel policy 2026");
        assertThat(Long.parseLong(updated.field("version"))).isGreaterThan(Long.parseLong(created.field("version")));
        assertThat(shown.field("title")).isEqualTo("Read this");
        assertThat(shown.field("sender")).isEqualTo("HR Team");
        assertThat(listed.rowsStartingWith(id))
                .singleElement()
                .satisfies(row -> assertThat(row.subList(0, 6))
                        .containsExactly(id, "Travel policy 2026", "CREATED", "2", "0", "0"));
        assertThat(listed.lines()).last().isEqualTo("(1 in all)");
    }

    @Test
    void shouldStartACampaignAndWatchItComplete() throws Exception {
        String id = createCampaign();

        Cli.Run started = admin("campaign", "start", id);
        Cli.Run watched = admin("campaign", "watch", id, "--interval", "PT0.2S");

        assertThat(started.exit()).as(started.toString()).isZero();
        assertThat(started.field("status")).isEqualTo("ACTIVE");
        assertThat(watched.exit()).as(watched.toString()).isZero();
        assertThat(watched.lines()).last().asString().startsWith("COMPLETED").contains("sent 2/2");
        assertThat(admin("campaign", "get", id).field("deliveries")).isEqualTo("sent 2");
    }

    @Test
    void shouldLetARecipientSyncShowReadAndAcknowledge() throws Exception {
        String id = startedCampaign();
        String alice = node.recipient("alice", org);

        Cli.Run synced = await().atMost(Duration.ofSeconds(60)).until(
                () -> Cli.client(node, alice, "inbox", "sync"), run -> run.lines().size() == 3);
        String deliveryId = synced.lines().get(1).split("\\s+")[0];
        Cli.Run shown = Cli.client(node, alice, "inbox", "show", deliveryId);
        Cli.Run read = Cli.client(node, alice, "inbox", "read", deliveryId);
        Cli.Run acked = Cli.client(node, alice, "inbox", "ack", deliveryId);

        assertThat(synced.rowsStartingWith(deliveryId))
                .singleElement()
                .satisfies(row -> assertThat(List.of(row.get(1), row.get(2), row.get(4)))
                        .containsExactly("DELIVERED", "no", "Please read"));
        assertThat(synced.lines().get(2)).startsWith("next --since 20");
        assertThat(shown.field("from")).isEqualTo("HR Team");
        assertThat(shown.field("actions")).isEqualTo("ack (Acknowledge)");
        assertThat(shown.lines()).last().isEqualTo("Hello Alice, please acknowledge.");
        assertThat(read.out()).isEqualTo("read " + deliveryId + System.lineSeparator());
        assertThat(acked.out()).isEqualTo("acknowledged " + deliveryId + System.lineSeparator());
        Cli.Run acknowledged = await().atMost(Duration.ofSeconds(60)).until(
                () -> admin("deliveries", "list", id, "--status", "ACKNOWLEDGED"), run -> run.lines().size() == 3);
        assertThat(acknowledged.rowsStartingWith("alice")).singleElement()
                .satisfies(row -> assertThat(row.get(1)).isEqualTo("ACKNOWLEDGED"));
        assertThat(acknowledged.lines()).last().isEqualTo("(1 in all)");
    }

    @Test
    void shouldLetARecipientRegisterListDeactivateAndSetAnEmail() throws Exception {
        String carol = node.recipient("carol", org);

        Cli.Run registered = Cli.client(node, carol, "device", "register", "phone", "--platform", "ios",
                "--push-token", "apns-token-1");
        Cli.Run email = Cli.client(node, carol, "device", "set-email", "carol@example.org");
        Cli.Run badEmail = Cli.client(node, carol, "device", "set-email", "carol at example");
        Cli.Run deactivated = Cli.client(node, carol, "device", "deactivate", "phone");
        Cli.Run listed = Cli.client(node, carol, "device", "list");

        assertThat(registered.rowsStartingWith("phone")).singleElement()
                .satisfies(row -> assertThat(List.of(row.get(1), row.get(2))).containsExactly("IOS", "yes"));
        assertThat(email.out()).isEqualTo("email carol@example.org" + System.lineSeparator());
        assertThat(badEmail.err()).startsWith("pidgr device set-email: INVALID_ARGUMENT").contains("email");
        assertThat(deactivated.out()).isEqualTo("deactivated phone" + System.lineSeparator());
        assertThat(listed.rowsStartingWith("phone")).singleElement()
                .satisfies(row -> assertThat(row.get(2)).isEqualTo("no"));
        assertThat(Cli.client(node, carol, "device", "deactivate", "tablet").err())
                .startsWith("pidgr device deactivate: NOT_FOUND");
    }

    @Test
    void shouldListDeliveriesAsATableAndAsJson() throws Exception {
        String id = startedCampaign();

        Cli.Run table = await().atMost(Duration.ofSeconds(60)).until(
                () -> admin("deliveries", "list", id), run -> run.lines().size() == 4);
        Cli.Run json = admin("deliveries", "list", id, "--status", "SENT", "--json");

        assertThat(table.lines().get(0))
                .matches("USER\\s+STATUS\\s+SENT\\s+READ\\s+ACKNOWLEDGED\\s+REMINDERS\\s+DELIVERY");
        assertThat(table.lines().subList(1, 3))
                .extracting(line -> line.split("\\s+")[0])
                .containsExactly("alice", "bob");
        assertThat(table.rowsStartingWith("bob").get(0).get(1)).isEqualTo("SENT");
        ListDeliveriesResponse.Builder sent = ListDeliveriesResponse.newBuilder();
        JsonFormat.parser().merge(json.out(), sent);
        assertThat(sent.getDeliveriesList()).extracting(d -> d.getUserId()).containsExactly("alice", "bob");
        assertThat(sent.getDeliveries(0).getMessage().getBody()).isEqualTo("Hello Alice, please acknowledge.");
    }

    @Test
    void shouldPreviewAMembersMessageAndListTheCampaignsHistory() throws Exception {
        String id = startedCampaign();

        Cli.Run preview = admin("campaign", "preview", id, "--user", "alice");
        Cli.Run outsider = admin("campaign", "preview", id, "--user", "mallory");
        Cli.Run history = admin("campaign", "history", id);

        assertThat(preview.exit()).as(preview.toString()).isZero();
        assertThat(preview.field("user")).isEqualTo("alice");
        assertThat(preview.field("title")).isEqualTo("Please read");
        assertThat(preview.lines()).contains("Hello Alice, please acknowledge.");
        assertThat(outsider.exit()).isEqualTo(1);
        assertThat(outsider.err()).startsWith("pidgr campaign preview: INVALID_ARGUMENT: user_ids[0]");
        assertThat(history.exit()).as(history.toString()).isZero();
        assertThat(history.lines().get(0)).matches("VERSION\\s+AT\\s+ACTOR\\s+EVENT\\s+SUMMARY");
        assertThat(history.rowsStartingWith("1")).singleElement()
                .satisfies(row -> assertThat(List.of(row.get(2), row.get(3))).containsExactly("admin-" + org,
                        "CampaignCreated"));
        assertThat(history.lines()).anySatisfy(line -> assertThat(line).contains("started with 2 members"));
    }

    @Test
    void shouldCancelACampaignThenRefuseToStartIt() throws Exception {
        String id = createCampaign();

        Cli.Run cancelled = admin("campaign", "cancel", id);
        Cli.Run start = admin("campaign", "start", id);
        Cli.Run watched = admin("campaign", "watch", id);

        assertThat(cancelled.field("status")).isEqualTo("CANCELLED");
        assertThat(start.exit()).isEqualTo(1);
        assertThat(start.out()).isEmpty();
        assertThat(start.err()).startsWith("pidgr campaign start: FAILED_PRECONDITION: ").hasLineCount(1);
        assertThat(watched.exit()).isEqualTo(3);
        assertThat(watched.lines()).last().asString().startsWith("CANCELLED");
    }

    @Test
    void shouldNudgeTheDeliveriesOfARunningCampaignOnceEach() throws Exception {
        Path file = write("waiting-" + UUID.randomUUID() + ".yaml", Files.readString(campaignFile(createTemplate(),
                "Nudged")) + """
            workflow:
              steps:
                - id: send
                  type: STEP_TYPE_SEND_NOTIFICATION
                  transitions: {completed: wait}
                - id: wait
                  type: STEP_TYPE_DEADLINE_CHECK
                  deadline_check: {delay: 72h}
            """);
        String id = admin("campaign", "create", "-f", file.toString()).field("id");
        admin("campaign", "start", id);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> admin("deliveries", "list", id), run -> run.lines().size() == 4);

        Cli.Run nudged = admin("campaign", "nudge", id, "--status", "SENT", "--status", "DELIVERED", "--user", "bob",
                "--rate", "10");

        assertThat(nudged.exit()).as(nudged.toString()).isZero();
        assertThat(nudged.field("matched")).isEqualTo("1");
        Cli.Run reminded = await().atMost(Duration.ofSeconds(60)).until(
                () -> admin("deliveries", "list", id), run -> run.rowsStartingWith("bob").get(0).get(5).equals("1"));
        assertThat(reminded.rowsStartingWith("alice").get(0).get(5)).isEqualTo("0");
    }

    @Test
    void shouldScheduleAStartRefuseOneTooSoonAndCancelTheSchedule() throws Exception {
        String id = createCampaign();

        Cli.Run tooSoon = admin("campaign", "start", id, "--at", "+30s");
        Cli.Run scheduled = admin("campaign", "start", id, "--at", "+2h");
        Cli.Run cancelled = admin("campaign", "cancel", id);

        assertThat(tooSoon.exit()).isEqualTo(1);
        assertThat(tooSoon.err()).startsWith("pidgr campaign start: INVALID_ARGUMENT: ").contains("start_at");
        assertThat(scheduled.exit()).as(scheduled.toString()).isZero();
        assertThat(scheduled.field("status")).isEqualTo("SCHEDULED");
        assertThat(scheduled.field("scheduled start")).isNotBlank();
        assertThat(cancelled.field("status")).isEqualTo("CANCELLED");
    }

    @Test
    void shouldReportAFileThatIsNotYamlInOneLine() throws Exception {
        Path broken = write("broken.yaml", "name: [unclosed\ntitle: x\n");

        Cli.Run run = admin("campaign", "create", "-f", broken.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pidgr campaign create: " + broken + ": not valid YAML: ")
                .contains("(line ")
                .hasLineCount(1);
    }

    @Test
    void shouldReportAnUnknownFieldAndAMissingFileInOneLine() throws Exception {
        Path typo = write("typo.yaml", "name: Travel\ntitel: Please read\n");

        Cli.Run unknown = admin("campaign", "create", "-f", typo.toString());
        Cli.Run missing = admin("template", "create", "-f", dir.resolve("nowhere.yaml").toString());

        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("pidgr campaign create: " + typo + ": not a CreateCampaignRequest: ")
                .contains("titel").hasLineCount(1);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err())
                .isEqualTo("pidgr template create: " + dir.resolve("nowhere.yaml") + ": no such file"
                        + System.lineSeparator());
    }

    @Test
    void shouldReportAnUnknownCampaignAsNotFound() {
        Cli.Run run = admin("campaign", "get", UUID.randomUUID().toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("pidgr campaign get: NOT_FOUND: ").hasLineCount(1);
    }

    @Test
    void shouldSayWhyTheServerCannotBeReached() {
        Cli.Run run = Cli.run("campaign", "list", "--server", "127.0.0.1:1", "--token", "any", "--timeout", "PT5S");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pidgr campaign list: UNAVAILABLE: ")
                .contains("Connection refused")
                .hasLineCount(1);
    }

    @Test
    void shouldPrintEveryFieldViolationOnOneLine() throws Exception {
        String templateId = createTemplate();
        Path invalid = write("invalid.yaml", """
            name: ""
            template_id: %s
            title: "%s"
            user_ids: [alice]
            """.formatted(templateId, "t".repeat(201)));

        Cli.Run run = admin("campaign", "create", "-f", invalid.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("pidgr campaign create: INVALID_ARGUMENT: ").hasLineCount(1)
                .containsOnlyOnce("name: ").containsOnlyOnce("title: ");
    }

    @Test
    void shouldExitWithTwoOnBadUsage() {
        Cli.Run run = Cli.run("campaign", "get");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required parameter: '<id>'");
    }

    @Test
    void shouldMintTokensTheServerAccepts() throws Exception {
        Path data = devDataDir(null);

        Cli.Run viewer = Cli.run(
                "token", "--sub", "viewer", "--org", org, "--perm", "VIEW_CAMPAIGNS", "--data-dir", data.toString());
        Cli.Run recipient = Cli.run("token", "--sub", "alice", "--org", org, "--data-dir", data.toString());
        String viewerToken = viewer.out().strip();

        assertThat(viewer.exit()).isZero();
        assertThat(viewerToken.split("\\.")).hasSize(3);
        assertThat(Cli.client(node, viewerToken, "campaign", "list").exit()).isZero();
        assertThat(Cli.client(
                                node,
                                viewerToken,
                                "campaign",
                                "create",
                                "-f",
                                campaignFile(createTemplate(), "x").toString())
                        .err())
                .startsWith("pidgr campaign create: PERMISSION_DENIED");
        assertThat(Cli.client(node, recipient.out().strip(), "inbox", "sync").exit()).isZero();
        assertThat(Cli.client(node, recipient.out().strip(), "campaign", "list").err())
                .startsWith("pidgr campaign list: PERMISSION_DENIED");
    }

    @Test
    void shouldUseTheDevServerAndSecretOfADataFolder() throws Exception {
        String id = startedCampaign();
        Path data = devDataDir(node.server());

        Cli.Run listed = Cli.run("campaign", "list", "--data-dir", data.toString());
        Cli.Run inbox = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> Cli.run("inbox", "sync", "--as", "bob", "--data-dir", data.toString()),
                        run -> run.lines().size() == 3);

        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(listed.rowsStartingWith(id)).hasSize(1);
        assertThat(inbox.lines().get(1)).contains("Please read");
    }

    @Test
    void shouldTailATopicFromTheBeginningAndStopAfterMaxRecords() throws Exception {
        createTemplate();
        createTemplate();
        // The topic is shared with the other tests of this class: the two records read first may be any
        // template events (one test updates a template), in any partition order.

        Cli.Run run = Cli.run("events", "tail", "--topic", "pidgr.template.events", "--from-beginning", "--json",
                "--max-records", "2", "--bootstrap-servers", node.bootstrapServers(), "--namespace", node.namespace());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.lines())
                .hasSize(2)
                .allSatisfy(
                        line -> assertThat(line)
                                .matches(
                                        "\\{\"partition\":\\d+,\"offset\":\\d+,\"timestamp\":\"[^\"]+\","
                                                + "\"key\":\"[0-9a-f-]{36}\",\"type\":\"Template(Created|Updated)\","
                                                + "\"value\":\\{.*\\}\\}"));
    }

    @Test
    void shouldStopTailingWhenNothingArrivesWithinTheTimeout() {
        Cli.Run run = Cli.run("events", "tail", "--topic", "pidgr.delivery.events", "--timeout", "PT1S",
                "--bootstrap-servers", node.bootstrapServers(), "--namespace", node.namespace());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownTopic() {
        Cli.Run run =
                Cli.run("events", "tail", "--topic", "pidgr.nothing", "--bootstrap-servers", node.bootstrapServers());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pidgr events tail: unknown topic pidgr.nothing; one of [pidgr.campaign.commands");
    }

    private Cli.Run admin(String... args) {
        return Cli.client(node, node.admin(org), args);
    }

    private String createTemplate() throws Exception {
        Cli.Run run = admin("template", "create", "-f", templateFile().toString(), "--json");
        assertThat(run.exit()).as(run.toString()).isZero();
        Template.Builder template = Template.newBuilder();
        JsonFormat.parser().merge(run.out(), template);
        return template.getId();
    }

    private String createCampaign() throws Exception {
        Cli.Run run = admin("campaign", "create", "-f", campaignFile(createTemplate(), "Travel policy").toString());
        assertThat(run.exit()).as(run.toString()).isZero();
        return run.field("id");
    }

    private String startedCampaign() throws Exception {
        String id = createCampaign();
        Cli.Run started = admin("campaign", "start", id);
        assertThat(started.exit()).as(started.toString()).isZero();
        return id;
    }

    private Path templateFile() throws Exception {
        return write("template.yaml", """
            name: Policy
            title: "Policy for {{first_name}}"
            body: "Hello {{first_name}}, please acknowledge."
            variables:
              - name: first_name
                required: true
            """);
    }

    private Path campaignFile(String templateId, String name) throws Exception {
        return write("campaign-" + UUID.randomUUID() + ".yaml", """
            name: %s
            template_id: %s
            title: Please read
            sender_name: HR Team
            audience:
              - user_id: alice
                variables: {first_name: Alice}
              - user_id: bob
                variables: {first_name: Bob}
            """.formatted(name, templateId));
    }

    /** A data folder as a dev server leaves it: the token secret, the organization and, given a server, dev.json. */
    private Path devDataDir(String server) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("jwt-secret"), RunningNode.SECRET);
        Files.writeString(data.resolve("dev-organization"), org + "\n", StandardCharsets.UTF_8);
        if (server != null) {
            new dev.pidgr.app.dev.DevJson(
                            server, node.bootstrapServers(), "jdbc:unused", "", "", "", node.namespace(), "", 0)
                    .write(data.resolve("dev.json"));
        }
        return data;
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
