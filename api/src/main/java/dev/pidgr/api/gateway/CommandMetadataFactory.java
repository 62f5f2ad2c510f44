package dev.pidgr.api.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.pidgr.api.auth.Caller;
import dev.pidgr.events.v1.CommandMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/** Builds the metadata every command carries: fresh id, who and when, deadline, idempotency scope and request hash. */
public final class CommandMetadataFactory {

    private final Clock clock;

    public CommandMetadataFactory(Clock clock) {
        this.clock = clock;
    }

    /**
     * Metadata for a command issued by {@code caller} through {@code rpc}. The organization and actor
     * come from the token; {@code idempotencyKey} is empty when the client sent none.
     */
    public CommandMetadata metadata(Caller caller, String rpc, Message request, Instant deadline, String idempotencyKey,
            OptionalLong expectedVersion) {
        CommandMetadata.Builder metadata = CommandMetadata.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setOrganizationId(caller.organizationId())
                .setActor(caller.userId())
                .setIssuedAt(timestamp(clock.instant()))
                .setDeadline(timestamp(deadline))
                .setIdempotencyKey(idempotencyKey)
                .setRequestHash(ByteString.copyFrom(requestHash(request)))
                .setRpc(rpc);
        expectedVersion.ifPresent(metadata::setExpectedVersion);
        return metadata.build();
    }

    /** SHA-256 of the request's deterministic serialization (map entries sorted), so equal requests hash equally. */
    public static byte[] requestHash(Message request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // Streams into the digest: a 64 MiB request is not copied.
            CodedOutputStream out =
                    CodedOutputStream.newInstance(new DigestOutputStream(OutputStream.nullOutputStream(), sha256));
            out.useDeterministicSerialization();
            request.writeTo(out);
            out.flush();
            return sha256.digest();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
