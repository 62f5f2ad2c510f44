package dev.pidgr.command.decision;

import dev.pidgr.events.v1.Rejected;
import dev.pidgr.events.v1.RejectionCode;
import java.util.List;

/**
 * Why a command was refused. {@code awaitingTemplate} marks a refusal caused only by a template
 * lookup that missed: the processor may retry such a command for a short grace period, because
 * the template may have been created a moment ago and not be in the lookup catalog yet.
 */
public record Rejection(RejectionCode code, String message, List<Violation> violations, long currentVersion,
                        boolean awaitingTemplate) {

    public Rejection {
        violations = List.copyOf(violations);
    }

    public static Rejection invalid(List<Violation> violations) {
        return new Rejection(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT, summary(violations), violations, 0, false);
    }

    public static Rejection invalid(String field, String description) {
        return invalid(List.of(new Violation(field, description)));
    }

    public static Rejection notFound(String message) {
        return new Rejection(RejectionCode.REJECTION_CODE_NOT_FOUND, message, List.of(), 0, false);
    }

    public static Rejection failedPrecondition(String message) {
        return new Rejection(RejectionCode.REJECTION_CODE_FAILED_PRECONDITION, message, List.of(), 0, false);
    }

    public static Rejection failedPrecondition(List<Violation> violations) {
        return new Rejection(
                RejectionCode.REJECTION_CODE_FAILED_PRECONDITION, summary(violations), violations, 0, false);
    }

    /** A template (or one of its versions) the command needs is not known, or not the caller's. */
    public static Rejection templateMissing(List<Violation> violations) {
        return new Rejection(
                RejectionCode.REJECTION_CODE_FAILED_PRECONDITION, summary(violations), violations, 0, true);
    }

    public static Rejection alreadyExists(String message) {
        return new Rejection(RejectionCode.REJECTION_CODE_ALREADY_EXISTS, message, List.of(), 0, false);
    }

    public static Rejection aborted(long expectedVersion, long currentVersion) {
        return new Rejection(RejectionCode.REJECTION_CODE_ABORTED,
                "expected version " + expectedVersion + " but the current version is " + currentVersion,
                List.of(), currentVersion, false);
    }

    public static Rejection deadlineExceeded() {
        return new Rejection(RejectionCode.REJECTION_CODE_DEADLINE_EXCEEDED,
                "the command's deadline passed before it was processed; it was not applied", List.of(), 0, false);
    }

    public static Rejection internal(String message) {
        return new Rejection(RejectionCode.REJECTION_CODE_INTERNAL, message, List.of(), 0, false);
    }

    public Rejected toProto() {
        Rejected.Builder b = Rejected.newBuilder().setCode(code).setMessage(message).setCurrentVersion(currentVersion);
        violations.forEach(v -> b.addViolations(v.toProto()));
        return b.build();
    }

    /** The first problem names the refusal; a count says how many more there are. */
    private static String summary(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejection with violations needs at least one");
        }
        String first = violations.get(0).description();
        int more = violations.size() - 1;
        return more == 0 ? first : first + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")";
    }
}
