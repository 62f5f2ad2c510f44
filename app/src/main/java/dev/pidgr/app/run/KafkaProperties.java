package dev.pidgr.app.run;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka client and Kafka Streams properties an operator gives per role
 * ({@code --kafka-property workflow:transaction.timeout.ms=10000}), applied last to that role's
 * clients. Each key is checked against the Kafka clients' own definitions for what the role runs
 * (Kafka Streams for command and workflow, with its {@code producer.}, {@code consumer.},
 * {@code main.consumer.}, {@code restore.consumer.}, {@code global.consumer.}, {@code admin.} and
 * {@code topic.} prefixes; producer and consumer settings for api and gateway; consumer settings for query), so
 * a typo is an error at start, not a setting silently ignored. What pidgr's guarantees rest on
 * cannot be changed this way.
 */
public record KafkaProperties(Map<Role, Map<String, String>> byRole) {

    public static final KafkaProperties NONE = new KafkaProperties(Map.of());

    /** Settings pidgr owns: the cluster comes from --kafka, the ids from the namespace, exactly-once is a guarantee. */
    static final Set<String> RESERVED = Set.of(
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
            StreamsConfig.APPLICATION_ID_CONFIG,
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.ACKS_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);

    private static final List<String> STREAMS_PREFIXES = List.of(
            StreamsConfig.PRODUCER_PREFIX,
            StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX,
            StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.ADMIN_CLIENT_PREFIX);

    public KafkaProperties {
        Map<Role, Map<String, String>> copy = new EnumMap<>(Role.class);
        byRole.forEach((role, properties) -> copy.put(role, Map.copyOf(properties)));
        byRole = Map.copyOf(copy);
    }

    /**
     * Parses {@code role:key=value} entries (role {@code all} for every role that uses the key);
     * throws IllegalArgumentException naming the first entry that is malformed, unknown to the
     * role's clients, or reserved.
     */
    public static KafkaProperties parse(List<String> entries) {
        Map<Role, Map<String, String>> byRole = new EnumMap<>(Role.class);
        for (String entry : entries) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            int equals = trimmed.indexOf('=');
            if (colon < 1 || equals < colon + 2) {
                throw new IllegalArgumentException("--kafka-property \"" + trimmed + "\": write role:key=value, e.g. "
                        + "workflow:transaction.timeout.ms=10000");
            }
            String roleName = trimmed.substring(0, colon).strip();
            String key = trimmed.substring(colon + 1, equals).strip();
            String value = trimmed.substring(equals + 1).strip();
            Set<Role> roles = Role.parse(roleName);
            for (Role role : roles) {
                check(role, key, roleName.equalsIgnoreCase("all"), trimmed).ifPresent(k -> byRole.computeIfAbsent(role,
                        r -> new LinkedHashMap<>()).put(k, value));
            }
        }
        return new KafkaProperties(byRole);
    }

    /**
     * These properties with {@code common} added to every role, under what was given for a role
     * (a {@code --kafka-property} for the same key wins): the security settings every client needs.
     */
    public KafkaProperties withEveryRole(Map<String, String> common) {
        if (common.isEmpty()) {
            return this;
        }
        Map<Role, Map<String, String>> merged = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Map<String, String> properties = new LinkedHashMap<>(common);
            properties.putAll(of(role));
            merged.put(role, properties);
        }
        return new KafkaProperties(merged);
    }

    /** The properties given for {@code role} (empty when none). */
    public Map<String, String> of(Role role) {
        return byRole.getOrDefault(role, Map.of());
    }

    /** The key when {@code role}'s clients know it; empty for "all" entries that do not apply to this role. */
    private static java.util.Optional<String> check(Role role, String key, boolean forAll, String entry) {
        if (RESERVED.contains(key) || RESERVED.contains(unprefixed(key))) {
            throw new IllegalArgumentException(
                    "--kafka-property \"" + entry + "\": " + key + " is set by pidgr and cannot be changed");
        }
        if (known(role, key)) {
            return java.util.Optional.of(key);
        }
        if (forAll) {
            return java.util.Optional.empty();
        }
        throw new IllegalArgumentException(
                "--kafka-property \"" + entry + "\": the " + role.name().toLowerCase(Locale.ROOT)
                        + " role's Kafka clients have no setting " + key + suggestion(role, key));
    }

    static boolean known(Role role, String key) {
        return switch (role) {
            case COMMAND, WORKFLOW -> streams(key);
            case API, GATEWAY ->
                ProducerConfig.configNames().contains(key) || ConsumerConfig.configNames().contains(key);
            case QUERY -> ConsumerConfig.configNames().contains(key);
        };
    }

    private static boolean streams(String key) {
        if (StreamsConfig.configDef().names().contains(key) || ProducerConfig.configNames().contains(key)
                || ConsumerConfig.configNames().contains(key) || AdminClientConfig.configNames().contains(key)) {
            return true;
        }
        if (key.startsWith(StreamsConfig.TOPIC_PREFIX)) {
            return key.length() > StreamsConfig.TOPIC_PREFIX.length();
        }
        for (String prefix : STREAMS_PREFIXES) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                return prefix.equals(StreamsConfig.PRODUCER_PREFIX)
                        ? ProducerConfig.configNames().contains(rest)
                        : prefix.equals(StreamsConfig.ADMIN_CLIENT_PREFIX)
                                ? AdminClientConfig.configNames().contains(rest)
                                : ConsumerConfig.configNames().contains(rest);
            }
        }
        return false;
    }

    private static String unprefixed(String key) {
        for (String prefix : STREAMS_PREFIXES) {
            if (key.startsWith(prefix)) {
                return key.substring(prefix.length());
            }
        }
        return key;
    }

    /** "; did you mean x?" for the closest known name, when one is close. */
    private static String suggestion(Role role, String key) {
        Set<String> names = new TreeSet<>(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        if (role == Role.COMMAND || role == Role.WORKFLOW) {
            names.addAll(StreamsConfig.configDef().names());
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int distance = distance(key, name);
            if (distance < bestDistance && known(role, name)) {
                best = name;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
