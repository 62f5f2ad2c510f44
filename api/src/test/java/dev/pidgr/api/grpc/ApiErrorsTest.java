package dev.pidgr.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.gateway.CommandRejectedException;
import dev.pidgr.api.support.Calls;
import dev.pidgr.events.v1.FieldViolation;
import dev.pidgr.events.v1.RejectionCode;
import dev.pidgr.events.v1.Rejected;
import dev.pidgr.query.InvalidPageTokenException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void shouldHideTheDetailOfAnUnexpectedFailure() {
        StatusRuntimeException status =
                ApiErrors.toStatus(new IllegalStateException("jdbc:postgresql://secret-host/db password=x"));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getStatus().getDescription()).isEqualTo("internal error");
        assertThat(status.getStatus().getCause()).isNull();
    }

    @Test
    void shouldMapAnInvalidPageTokenToTheTokenField() {
        StatusRuntimeException status = ApiErrors.toStatus(new InvalidPageTokenException("signature mismatch"));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getStatus().getDescription()).startsWith("pagination.page_token: ");
    }

    @Test
    void shouldCarryARejectionsViolationsAsBadRequest() {
        StatusRuntimeException status = ApiErrors.toStatus(new CommandRejectedException(Rejected.newBuilder()
                .setCode(RejectionCode.REJECTION_CODE_INVALID_ARGUMENT)
                .setMessage("workflow.steps[1].transitions: unknown step")
                .addViolations(FieldViolation.newBuilder()
                        .setField("workflow.steps[1].transitions")
                        .setDescription("unknown step"))
                .build()));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getStatus().getDescription()).isEqualTo("workflow.steps[1].transitions: unknown step");
        assertThat(Calls.badRequest(status).orElseThrow().getFieldViolations(0).getField())
                .isEqualTo("workflow.steps[1].transitions");
    }

    @Test
    void shouldMapAnExpiredCommandToDeadlineExceeded() {
        StatusRuntimeException status = ApiErrors.toStatus(new CommandRejectedException(Rejected.newBuilder()
                .setCode(RejectionCode.REJECTION_CODE_DEADLINE_EXCEEDED).setMessage("the deadline passed").build()));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }
}
