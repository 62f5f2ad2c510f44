package dev.pidgr.app.upgrade;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which record types a stream holds, as {@code Message.case} names ({@code CampaignEvent.created},
 * {@code Accepted.template}): every case of every {@code oneof} in the envelopes of pidgr's topics and
 * in the event messages they carry (package {@code pidgr.events.v1}; the api's own messages inside
 * them, such as a workflow step's config, are the api's contract and not followed).
 */
final class TypeCoverage {

    private static final String EVENTS_PACKAGE = "pidgr.events.v1";

    private TypeCoverage() {
    }

    /** Every case the envelopes can hold. */
    static SortedSet<String> possible(Collection<Descriptor> envelopes) {
        SortedSet<String> cases = new TreeSet<>();
        Set<Descriptor> visited = new HashSet<>();
        envelopes.forEach(e -> possible(e, cases, visited));
        return cases;
    }

    private static void possible(Descriptor type, Set<String> cases, Set<Descriptor> visited) {
        if (!type.getFile().getPackage().equals(EVENTS_PACKAGE) || !visited.add(type)) {
            return;
        }
        for (OneofDescriptor oneof : type.getRealOneofs()) {
            oneof.getFields().forEach(f -> cases.add(name(f)));
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                possible(field.getMessageType(), cases, visited);
            }
        }
    }

    /** Every case set somewhere in {@code message}. */
    static void present(Message message, Set<String> cases) {
        if (!message.getDescriptorForType().getFile().getPackage().equals(EVENTS_PACKAGE)) {
            return;
        }
        for (OneofDescriptor oneof : message.getDescriptorForType().getRealOneofs()) {
            FieldDescriptor set = message.getOneofFieldDescriptor(oneof);
            if (set != null) {
                cases.add(name(set));
            }
        }
        for (var field : message.getAllFields().entrySet()) {
            if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (field.getKey().isRepeated()) {
                ((Collection<?>) field.getValue()).forEach(v -> present((Message) v, cases));
            } else {
                present((Message) field.getValue(), cases);
            }
        }
    }

    private static String name(FieldDescriptor field) {
        return field.getContainingType().getName() + "." + field.getName();
    }
}
