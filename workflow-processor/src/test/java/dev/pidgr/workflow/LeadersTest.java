package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** The test broker's wait for partition leaders, given what describing the new topics answers in turn. */
class LeadersTest {

    private static final Node BROKER = new Node(1, "localhost", 9092);
    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    @Test
    void shouldKeepAskingWhileTheNewTopicIsUnknownThenLeaderless() throws Exception {
        Answers answers = new Answers(
                unknownTopic(),
                Map.of("t", topic("t", Node.noNode())),
                Map.of("t", topic("t", BROKER)));

        Leaders.await(answers, A_MINUTE, Duration.ZERO);

        assertThat(answers.asked).isEqualTo(3);
    }

    @Test
    void shouldFailNamingThePartitionStillWithoutALeader() {
        Answers answers = new Answers(Map.of("t", topic("t", Node.noNode())));

        assertThatThrownBy(() -> Leaders.await(answers, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(AssertionError.class)
                .hasMessage("partitions without a leader after PT0S: t-0");
    }

    @Test
    void shouldNotRetryAnErrorThatWaitingCannotCure() {
        ExecutionException denied = new ExecutionException(new TopicAuthorizationException(Set.of("t")));
        Answers answers = new Answers(denied, Map.of("t", topic("t", BROKER)));

        assertThatThrownBy(() -> Leaders.await(answers, A_MINUTE, Duration.ZERO)).isSameAs(denied);
        assertThat(answers.asked).isEqualTo(1);
    }

    private static ExecutionException unknownTopic() {
        return new ExecutionException(new UnknownTopicOrPartitionException("This server does not host it"));
    }

    private static TopicDescription topic(String name, Node leader) {
        TopicPartitionInfo partition = new TopicPartitionInfo(0, leader, List.of(BROKER), List.of());
        return new TopicDescription(name, false, List.of(partition));
    }

    /** Answers in turn: a map is returned, an exception thrown; the last answer repeats. */
    private static final class Answers implements Callable<Map<String, TopicDescription>> {
        private final ArrayDeque<Object> answers;
        int asked;

        Answers(Object... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, TopicDescription> call() throws Exception {
            asked++;
            Object answer = answers.size() > 1 ? answers.poll() : answers.peek();
            if (answer instanceof Exception e) {
                throw e;
            }
            return (Map<String, TopicDescription>) answer;
        }
    }
}
