package dev.pidgr.command.decision;

import java.util.List;

/** What a decider made of a command: the events to append, or why it was refused. */
public sealed interface Decision<E> {

    /** The command takes effect; {@code events} may be empty (an update that changes nothing). */
    record Accepted<E>(List<E> events) implements Decision<E> {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** The command is refused; nothing changes. */
    record Rejected<E>(Rejection rejection) implements Decision<E> {
    }

    static <E> Decision<E> accept(List<E> events) {
        return new Accepted<>(events);
    }

    static <E> Decision<E> reject(Rejection rejection) {
        return new Rejected<>(rejection);
    }
}
