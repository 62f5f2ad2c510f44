package dev.pidgr.workflow.run;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.RunSpec;
import dev.pidgr.workflow.state.SendBatch;
import dev.pidgr.workflow.state.WebhookPage;

/**
 * One thing a decision does besides moving its run's cursor (which holds the next wake-up). The shell's applier
 * switches over these without a default, so a new kind of effect breaks the build until it is applied.
 */
public sealed interface Effect {

    /** A delivery event, numbered already, for pidgr.delivery.events. */
    record Emit(DeliveryEvent event) implements Effect {
    }

    /** A push request for pidgr.notifications.push. */
    record Push(PushRequest push) implements Effect {
    }

    /** A command for the command side (CompleteCampaign, FailCampaign). */
    record Command(CampaignCommand command) implements Effect {
    }

    /** A delivery's new state (it deviates from "SENT, unread, no reminder"). */
    record SetDelivery(String userId, DeliveryState state) implements Effect {
    }

    /** One fan-out batch in the send log: who was sent to, and when. */
    record LogSend(int sequence, SendBatch batch) implements Effect {
    }

    /** An audience member's variables (without the user id, which is in the key). */
    record AddMember(String userId, AudienceMember member) implements Effect {
    }

    /** The run's new spec (before its start only). */
    record SaveSpec(RunSpec spec) implements Effect {
    }

    /** A webhook page to freeze (body and key are final) and hand to the dispatcher. */
    record SendPage(WebhookPage page, CallWebhookConfig config) implements Effect {
    }

    /** A frozen webhook page no longer pending: its result is in, or the walk stopped. */
    record DropPage(String stepId, int page) implements Effect {
    }

    /**
     * No page of the campaign is wanted any more (the walk stopped, or its webhook step has every result): pages
     * waiting for the dispatcher are dropped and pages in flight report CANCELLED before their next attempt.
     */
    record StopCalls() implements Effect {
    }
}
