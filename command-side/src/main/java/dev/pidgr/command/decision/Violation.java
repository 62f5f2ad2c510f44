package dev.pidgr.command.decision;

import dev.pidgr.events.v1.FieldViolation;

/** One field-level problem: the field's path in the request and what is wrong with it. */
public record Violation(String field, String description) {

    public FieldViolation toProto() {
        return FieldViolation.newBuilder().setField(field).setDescription(description).build();
    }
}
