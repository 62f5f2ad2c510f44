package dev.pidgr.command.kafka;

import static dev.pidgr.command.kafka.Fixtures.CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.TEMPLATE;
import static dev.pidgr.command.testing.Commands.createCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.CreateTemplate;
import dev.pidgr.events.v1.TemplateCommand;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What wakes a waiting command up: a template it looked for and did not find, appearing in its organization. */
class ParkedCommandWakeUpTest {

    private static final Duration TICK = CommandSettings.defaults().parkingRetryInterval();
    private static final String STEP_TEMPLATE = Ids.uuid5("step-template");

    private final CountingPlanner plans = new CountingPlanner();
    private final CommandDriver d = new CommandDriver(CommandSettings.defaults(), plans);

    @AfterEach
    void close() {
        d.close();
    }

    private void waitFor(Duration time) {
        for (long t = 0; t < time.toMillis(); t += TICK.toMillis()) {
            d.advance(TICK);
        }
    }

    private static TemplateCommand.Builder template(String id) {
        return Commands.createTemplate(id, CreateTemplate.newBuilder().setName("t").setBody("Hello"));
    }

    /** A create whose campaign template and whose single step's template are both missing. */
    private String createNeedingTwoTemplates() {
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder().addSteps(WorkflowStep.newBuilder().setId("send")
                .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                .setSendNotification(SendNotificationConfig.newBuilder().setTemplateId(STEP_TEMPLATE))).build();
        return d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1_000).setWorkflow(workflow)));
    }

    @Test
    void shouldNotDecideAgainWhenATemplateArrivesThatItCannotBeAcceptedWithoutAnotherOne() {
        String create = createNeedingTwoTemplates();
        waitFor(Duration.ofMillis(300));

        d.send(template(STEP_TEMPLATE));
        waitFor(Duration.ofMillis(300));
        assertThat(plans.of(create)).as("the campaign's template is still missing").isEqualTo(1);

        d.send(template(TEMPLATE));
        d.advance(TICK);

        assertThat(d.result(create).hasAccepted()).as("%s", d.result(create)).isTrue();
        assertThat(plans.of(create)).isEqualTo(2);
    }

    @Test
    void shouldDecideAgainOncePerAwaitedTemplateWhenTheyArriveOneByOne() {
        String create = createNeedingTwoTemplates();
        waitFor(Duration.ofMillis(300));

        d.send(template(TEMPLATE));
        waitFor(Duration.ofMillis(300));
        assertThat(d.result(create)).as("the step's template is still missing").isNull();

        d.send(template(STEP_TEMPLATE));
        d.advance(TICK);

        assertThat(d.result(create).hasAccepted()).as("%s", d.result(create)).isTrue();
        assertThat(plans.of(create)).isEqualTo(3);
    }

    @Test
    void shouldNotDecideAgainWhenAnotherOrganizationCreatesTheTemplateIdItWaitsFor() {
        String create = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1_000)));
        TemplateCommand.Builder foreign = template(TEMPLATE);
        foreign.getMetadataBuilder().setOrganizationId(Commands.OTHER_ORG);
        d.send(foreign);

        waitFor(Duration.ofMillis(2_100));

        assertThat(d.result(create).getRejected().getMessage())
                .isEqualTo("template \"" + TEMPLATE + "\" does not exist");
        assertThat(plans.of(create)).isEqualTo(1);
    }

    @Test
    void shouldDecideTheCommandsQueuedBehindOnceEachInArrivalOrderWhenTheTemplateArrives() {
        String create = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1_000)));
        String start = d.send(Commands.start(CAMPAIGN));
        String cancel = d.send(Commands.cancel(CAMPAIGN));
        waitFor(Duration.ofMillis(500));
        assertThat(plans.total()).as("only the create was decided").isEqualTo(1);

        d.send(Fixtures.greetingTemplate());
        d.advance(TICK);

        assertThat(d.allResults()).filteredOn(r -> r.getAggregateId().equals(CAMPAIGN))
                .extracting(CommandResult::getCommandId).containsExactly(create, start, cancel);
        assertThat(d.allResults()).allSatisfy(r -> assertThat(r.hasAccepted()).as("%s", r).isTrue());
        assertThat(plans.of(create)).isEqualTo(2);
        assertThat(plans.of(start)).isEqualTo(1);
        assertThat(plans.of(cancel)).isEqualTo(1);
    }
}
