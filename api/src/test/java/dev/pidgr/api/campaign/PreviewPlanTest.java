package dev.pidgr.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.StepTemplatePin;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviewPlanTest {

    private static final WorkflowStep REMIND_FIRST = WorkflowStep.newBuilder().setId("remind")
            .setType(StepType.STEP_TYPE_SEND_REMINDER).putTransitions("completed", "own").build();
    private static final WorkflowStep OWN = WorkflowStep.newBuilder().setId("own")
            .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
            .setSendNotification(SendNotificationConfig.newBuilder().setTemplateId("tpl-own"))
            .putTransitions("completed", "again").build();
    private static final WorkflowStep AGAIN = WorkflowStep.newBuilder().setId("again")
            .setType(StepType.STEP_TYPE_SEND_REMINDER).putTransitions("completed", "plain").build();
    private static final WorkflowStep PLAIN = WorkflowStep.newBuilder().setId("plain")
            .setType(StepType.STEP_TYPE_SEND_NOTIFICATION).putTransitions("completed", "end").build();

    private static Campaign campaign(WorkflowStep... steps) {
        return Campaign.newBuilder().setId("c-1").setTemplateId("tpl-campaign").setTemplateVersion(4)
                .setWorkflow(WorkflowDefinition.newBuilder().addAllSteps(List.of(steps))).build();
    }

    @Test
    void shouldRenderAStepWithoutATemplateWithTheCampaignsPinnedVersion() {
        assertThat(PreviewPlan.of(campaign(PLAIN), List.of(), ""))
                .isEqualTo(new PreviewPlan(PLAIN, "tpl-campaign", 4));
    }

    @Test
    void shouldRenderAStepsOwnTemplateAtItsLatestVersionBeforeTheStart() {
        assertThat(PreviewPlan.of(campaign(OWN, AGAIN, PLAIN), List.of(), ""))
                .isEqualTo(new PreviewPlan(OWN, "tpl-own", 0));
    }

    @Test
    void shouldRenderThePinOfTheStart() {
        StepTemplatePin pin = StepTemplatePin.newBuilder().setStepId("own").setTemplateId("tpl-own")
                .setTemplateVersion(7).build();

        assertThat(PreviewPlan.of(campaign(OWN, AGAIN, PLAIN), List.of(pin), "again"))
                .isEqualTo(new PreviewPlan(OWN, "tpl-own", 7));
    }

    @Test
    void shouldRefuseAReminderThatNoNotificationPrecedes() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> PreviewPlan.of(campaign(REMIND_FIRST, OWN, AGAIN, PLAIN), List.of(), ""));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void shouldRefuseAnUnknownStep() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> PreviewPlan.of(campaign(PLAIN), List.of(), "nope"));

        assertThat(error.getStatus().getDescription()).contains("step_id");
    }
}
