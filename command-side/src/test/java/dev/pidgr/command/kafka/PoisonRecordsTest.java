package dev.pidgr.command.kafka;

import static dev.pidgr.command.kafka.Fixtures.CAMPAIGN;
import static dev.pidgr.command.kafka.Fixtures.TEMPLATE;
import static dev.pidgr.command.testing.Commands.createCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.RejectionCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoisonRecordsTest {

    private static final byte[] GARBAGE = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02};
    private final CommandDriver d = new CommandDriver();

    @AfterEach
    void close() {
        d.close();
    }

    private TestRecord<String, byte[]> onlyDeadLetter() {
        List<TestRecord<String, byte[]>> dead = d.campaignDeadLetters.readRecordsToList();
        assertThat(dead).hasSize(1);
        return dead.get(0);
    }

    @Test
    void shouldParkGarbageOnTheDeadLetterTopicAnswerItAndGoOn() {
        d.sendRawCampaign(CAMPAIGN, GARBAGE, "cmd-garbage");
        d.send(Fixtures.greetingTemplate());
        String next = d.send(Commands.create(CAMPAIGN, createCampaign(TEMPLATE, 1)));

        TestRecord<String, byte[]> dead = onlyDeadLetter();
        CommandResult answer = d.result("cmd-garbage");

        assertThat(dead.key()).isEqualTo(CAMPAIGN);
        assertThat(dead.value()).isEqualTo(GARBAGE);
        assertThat(EventHeaders.read(dead.headers(), EventHeaders.COMMAND_ID)).isEqualTo("cmd-garbage");
        assertThat(EventHeaders.read(dead.headers(), Outputs.ERROR_HEADER))
                .isEqualTo("the record is not a valid pidgr.events.v1.CampaignCommand");
        assertThat(EventHeaders.read(dead.headers(), Outputs.ERROR_SOURCE_HEADER))
                .startsWith(d.topics.campaignCommands().name() + "/0@");
        assertThat(answer.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT);
        assertThat(d.result(next).hasAccepted()).isTrue();
    }

    @Test
    void shouldDeadLetterARecordWithoutKey() {
        CampaignCommand c = Commands.cancel(CAMPAIGN).build();

        d.sendRawCampaign(null, c.toByteArray(), c.getMetadata().getCommandId());

        assertThat(EventHeaders.read(onlyDeadLetter().headers(), Outputs.ERROR_HEADER))
                .isEqualTo("the record has no key");
        assertThat(d.result(c.getMetadata().getCommandId()).getRejected().getMessage())
                .isEqualTo("the record has no key");
    }

    @Test
    void shouldDeadLetterACommandWithAPayloadThisProcessorDoesNotKnow() {
        CampaignCommand c = Commands.campaign(CAMPAIGN, "FutureRpc").build();
        byte[] withUnknownPayload = c.toBuilder().setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(99, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addLengthDelimited(
                        com.google.protobuf.ByteString.EMPTY).build()).build()).build().toByteArray();

        d.sendRawCampaign(CAMPAIGN, withUnknownPayload, null);

        assertThat(EventHeaders.read(onlyDeadLetter().headers(), Outputs.ERROR_HEADER))
                .isEqualTo("the command has no payload this processor knows");
        assertThat(d.result(c.getMetadata().getCommandId()).getRejected().getCode())
                .isEqualTo(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT);
    }

    @Test
    void shouldDeadLetterAKeyThatDoesNotMatchTheCampaign() {
        CampaignCommand c = Commands.cancel(CAMPAIGN).build();

        d.sendRawCampaign(Fixtures.OTHER_CAMPAIGN, c.toByteArray(), c.getMetadata().getCommandId());

        assertThat(EventHeaders.read(onlyDeadLetter().headers(), Outputs.ERROR_HEADER))
                .isEqualTo("the record key does not match the command's campaign_id");
    }

    @Test
    void shouldDeadLetterWithoutAnswerWhenNoCommandIdIsKnown() {
        d.sendRawCampaign(CAMPAIGN, "not protobuf at all".getBytes(StandardCharsets.UTF_8), null);

        assertThat(onlyDeadLetter().value()).asString(StandardCharsets.UTF_8).isEqualTo("not protobuf at all");
        assertThat(d.allResults()).isEmpty();
    }

    @Test
    void shouldTurnAnExceptionWhileDecidingIntoAnInternalResultAndADeadLetter() {
        d.store(StoreNames.CAMPAIGNS).put(CAMPAIGN, GARBAGE);
        String broken = d.send(Commands.cancel(CAMPAIGN));
        d.send(Fixtures.greetingTemplate());
        String healthy = d.send(Commands.create(Fixtures.OTHER_CAMPAIGN, createCampaign(TEMPLATE, 1)));

        CommandResult answer = d.result(broken);

        assertThat(answer.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_INTERNAL);
        assertThat(answer.getRejected().getMessage())
                .isEqualTo("the command could not be processed; it was not applied");
        assertThat(EventHeaders.read(onlyDeadLetter().headers(), Outputs.ERROR_HEADER))
                .isEqualTo("internal error: java.lang.IllegalStateException");
        assertThat(d.result(healthy).hasAccepted()).isTrue();
    }

    @Test
    void shouldDeadLetterGarbageOnTheTemplateCommandTopicToo() {
        CommandDriver t = d;
        var c = Fixtures.greetingTemplate().build();
        t.driver
                .createInputTopic(
                        t.topics.templateCommands().name(),
                        new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer())
                .pipeInput(c.getTemplateId(), GARBAGE);

        assertThat(t.templateDeadLetters.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(GARBAGE));
    }
}
