package dev.pidgr.faults.support;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Calls a gRPC method with whatever bytes a test likes as its request, as a broken or hostile client would. */
public final class RawCalls {

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private RawCalls() {
    }

    /** Every method's full name ({@code pidgr.v1.CampaignService/CreateCampaign}, ...) of {@code services}. */
    public static List<String> methods(List<ServiceDescriptor> services) {
        return services.stream()
                .flatMap(s -> s.getMethods().stream())
                .map(MethodDescriptor::getFullMethodName)
                .toList();
    }

    /** Sends {@code request} as the raw request message of {@code fullMethodName}, with a bearer token. */
    public static byte[] call(ManagedChannel channel, String fullMethodName, String token, byte[] request) {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullMethodName)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
        Metadata headers = new Metadata();
        headers.put(Api.AUTHORIZATION, "Bearer " + token);
        return ClientCalls.blockingUnaryCall(
                ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                method,
                CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                request);
    }
}
