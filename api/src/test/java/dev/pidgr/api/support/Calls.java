package dev.pidgr.api.support;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Client-side helpers: request headers, captured response headers, status details. */
public final class Calls {

    private Calls() {
    }

    public static <T extends AbstractStub<T>> T withHeader(T stub, String name, String value) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    public static <T extends AbstractStub<T>> T capturing(T stub, AtomicReference<Metadata> headers) {
        return stub.withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()));
    }

    public static String header(AtomicReference<Metadata> headers, String name) {
        return headers.get().get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }

    public static Optional<BadRequest> badRequest(StatusRuntimeException error) {
        return detail(error, BadRequest.class);
    }

    public static Optional<ErrorInfo> errorInfo(StatusRuntimeException error) {
        return detail(error, ErrorInfo.class);
    }

    /** The status detail of this type, if the status carries one. */
    public static <T extends Message> Optional<T> detail(StatusRuntimeException error, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        if (status == null) {
            return Optional.empty();
        }
        for (var any : status.getDetailsList()) {
            if (any.is(type)) {
                try {
                    return Optional.of(any.unpack(type));
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Optional.empty();
    }
}
