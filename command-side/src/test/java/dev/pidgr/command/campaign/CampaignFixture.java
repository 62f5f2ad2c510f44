package dev.pidgr.command.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.command.testing.InMemoryCatalog;
import dev.pidgr.command.workflow.WorkflowValidator;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.RejectionCode;
import java.util.ArrayList;
import java.util.List;

/** given(events...).when(command).then(events...) / thenRejected(code, text), for the campaign decider. */
final class CampaignFixture {

    static final String CAMPAIGN = "0b6c2a4e-1f0e-4d5c-9a51-2f3c4b5a6d7e";
    final InMemoryCatalog templates = new InMemoryCatalog();
    private final List<CampaignEvent> history = new ArrayList<>();
    private WorkflowValidator validator = new WorkflowValidator(false);
    private Decision<CampaignEvent> decision;

    static CampaignFixture campaign() {
        return new CampaignFixture();
    }

    CampaignFixture insecureWebhooksAllowed() {
        validator = new WorkflowValidator(true);
        return this;
    }

    CampaignFixture given(CampaignEvent.Builder... payloads) {
        CampaignCommand cause = Commands.campaign(CAMPAIGN, "given").build();
        history.addAll(CampaignEvents.stamp(cause, history.size(), List.of(payloads)));
        return this;
    }

    CampaignFixture when(CampaignCommand.Builder command) {
        CampaignState state = CampaignEvolver.fold(CAMPAIGN, history);
        decision = new CampaignDecider(validator).decide(command.build(), state, templates, this::audience);
        return this;
    }

    List<CampaignEvent> then(Message... payloads) {
        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        List<CampaignEvent> events = ((Decision.Accepted<CampaignEvent>) decision).events();
        assertThat(events.stream().map(CampaignFixture::payload).toList()).containsExactly(payloads);
        return events;
    }

    Rejection thenRejected(RejectionCode code, String messageContains) {
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        Rejection rejection = ((Decision.Rejected<CampaignEvent>) decision).rejection();
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.message()).contains(messageContains);
        return rejection;
    }

    List<CampaignEvent> history() {
        return List.copyOf(history);
    }

    List<CampaignEvent> events() {
        return ((Decision.Accepted<CampaignEvent>) decision).events();
    }

    static Message payload(CampaignEvent e) {
        return (Message) e.getField(e.getOneofFieldDescriptor(CampaignEvent.getDescriptor().getRealOneofs().get(0)));
    }

    private Iterable<AudienceMember> audience() {
        return history.stream().filter(CampaignEvent::hasAudienceAdded)
                .flatMap(e -> e.getAudienceAdded().getMembersList().stream()).toList();
    }
}
