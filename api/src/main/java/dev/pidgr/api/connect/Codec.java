package dev.pidgr.api.connect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.linecorp.armeria.common.MediaType;
import java.nio.charset.StandardCharsets;

/**
 * The two message codecs of the Connect protocol: {@code application/proto} (the protobuf bytes, as
 * gRPC sends them) and {@code application/json} (protobuf's JSON mapping: lowerCamelCase or
 * original field names, enum names or numbers; unknown fields are ignored, as Connect's own
 * servers do, so that a newer client can talk to an older server).
 */
enum Codec {
    PROTO(MediaType.create("application", "proto")),
    JSON(MediaType.JSON);

    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final MediaType mediaType;

    Codec(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** The codec of a Connect unary request's content type, or null when it is none of ours. */
    static Codec of(MediaType type) {
        if (type == null || !type.type().equals("application")) {
            return null;
        }
        if (type.subtype().equals("proto")) {
            return PROTO;
        }
        boolean utf8 = type.charset() == null || type.charset().equals(StandardCharsets.UTF_8);
        return type.subtype().equals("json") && utf8 ? JSON : null;
    }

    /** The request's bytes in protobuf form. An empty body is the empty message, in JSON too. */
    byte[] toProto(byte[] body, Message prototype) throws InvalidProtocolBufferException {
        if (this == PROTO || body.length == 0) {
            return body;
        }
        Message.Builder builder = prototype.newBuilderForType();
        PARSER.merge(new String(body, StandardCharsets.UTF_8), builder);
        return builder.build().toByteArray();
    }

    /** The response's bytes in this codec's form. */
    byte[] fromProto(byte[] message, Message prototype) throws InvalidProtocolBufferException {
        if (this == PROTO) {
            return message;
        }
        return PRINTER.print(prototype.getParserForType().parseFrom(message)).getBytes(StandardCharsets.UTF_8);
    }
}
