package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.GetTemplateRequest;
import dev.pidgr.api.v1.Template;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code pidgr lag}: each projection's distance from its topic, for operators. */
@ExtendWith(SharedNode.class)
class LagCommandTest {

    final String org = "org-" + UUID.randomUUID();

    @Test
    void shouldReportEveryProjectionCaughtUpAfterAWriteWasRead(RunningNode node) throws Exception {
        Template template = node.templates(node.admin(org)).createTemplate(CreateTemplateRequest.newBuilder()
                .setName("Lag").setBody("Hello").build()).getTemplate();
        node.templates(node.admin(org))
                .getTemplate(GetTemplateRequest.newBuilder()
                        .setTemplateId(template.getId())
                        .build());

        Cli.Run table = Cli.run(connection(node, "lag"));
        Cli.Run json = Cli.run(connection(node, "lag", "--json"));

        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.lines().get(0)).startsWith("PROJECTION").contains("EVENTS BEHIND");
        assertThat(table.out()).contains("campaigns").contains("templates").contains("deliveries");
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode lag = new ObjectMapper().readTree(json.out());
        assertThat(lag.get("projections")).extracting(p -> p.get("projection").asText())
                .containsExactlyInAnyOrder("campaigns", "templates", "deliveries", "devices");
        JsonNode templates = lag.get("projections").findParents("projection").stream()
                .filter(p -> p.get("projection").asText().equals("templates")).findFirst().orElseThrow();
        assertThat(templates.get("topic").asText()).isEqualTo(node.namespace() + ".pidgr.template.events");
        assertThat(templates.get("events_behind").asLong()).isZero();
    }

    private static String[] connection(RunningNode node, String... command) {
        String[] options = {
            "--kafka",
            node.bootstrapServers(),
            "--namespace",
            node.namespace(),
            "--jdbc-url",
            node.settings.jdbcUrl(),
            "--jdbc-user",
            node.settings.jdbcUser(),
            "--jdbc-password",
            node.settings.jdbcPassword()
        };
        String[] args = new String[command.length + options.length];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(options, 0, args, command.length, options.length);
        return args;
    }
}
