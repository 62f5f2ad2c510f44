package dev.pidgr.api.connect;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The unary methods served over Connect, by HTTP path, with their request and response prototypes (for JSON). */
final class ConnectMethods {

    /** A unary method's message types. */
    record Method(Message request, Message response) {
    }

    private final Map<String, Method> byPath = new HashMap<>();

    ConnectMethods(List<ServerServiceDefinition> services) {
        for (ServerServiceDefinition service : services) {
            for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
                MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();
                if (descriptor.getType() == MethodDescriptor.MethodType.UNARY) {
                    byPath.put(
                            "/" + descriptor.getFullMethodName(),
                            new Method(
                                    prototype(descriptor.getRequestMarshaller()),
                                    prototype(descriptor.getResponseMarshaller())));
                }
            }
        }
    }

    /** The method at {@code path}, or null when no unary method of ours is there. */
    Method at(String path) {
        return byPath.get(path);
    }

    private static Message prototype(MethodDescriptor.Marshaller<?> marshaller) {
        if (marshaller instanceof MethodDescriptor.PrototypeMarshaller<?> p
                && p.getMessagePrototype() instanceof Message m) {
            return m;
        }
        throw new IllegalArgumentException("not a protobuf method: " + marshaller);
    }
}
