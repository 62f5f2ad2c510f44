package dev.pidgr.command.kafka;

import dev.pidgr.command.store.IdempotencyRecord;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.RejectionCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Idempotency keys, scoped to (organization, RPC, aggregate id, key) and remembered for a TTL of
 * wall-clock time. Layout: {@code k/<scope>} holds the request hash and the first result;
 * {@code t/<remembered-at millis>/<scope>} indexes them by age, so the purge reads only what expired.
 * DEADLINE_EXCEEDED and INTERNAL results are not remembered: a retry must learn the real outcome.
 */
final class IdempotencyStore {

    /** What a command's key says about it. */
    sealed interface Lookup {
        /** No key, or a key not seen (or forgotten): decide the command. */
        record Fresh() implements Lookup {
        }

        /** The same request was seen: answer with its first result. */
        record Replay(CommandResult first) implements Lookup {
        }

        /** The key was used for a different request. */
        record Conflict() implements Lookup {
        }
    }

    private final KeyValueStore<String, byte[]> kv;
    private final Duration ttl;

    IdempotencyStore(KeyValueStore<String, byte[]> kv, Duration ttl) {
        this.kv = kv;
        this.ttl = ttl;
    }

    Lookup lookup(CommandMetadata m, String rpc, String aggregateId, long now) {
        if (m.getIdempotencyKey().isEmpty()) {
            return new Lookup.Fresh();
        }
        byte[] bytes = kv.get("k/" + scope(m, rpc, aggregateId));
        if (bytes == null) {
            return new Lookup.Fresh();
        }
        IdempotencyRecord r = StateCodec.parse(() -> IdempotencyRecord.parseFrom(bytes));
        if (now - r.getRememberedAtMs() >= ttl.toMillis()) {
            return new Lookup.Fresh();
        }
        if (!r.getRequestHash().equals(m.getRequestHash())) {
            return new Lookup.Conflict();
        }
        return new Lookup.Replay(r.getResult().toBuilder().setCommandId(m.getCommandId()).build());
    }

    void remember(CommandMetadata m, String rpc, String aggregateId, CommandResult result, long now) {
        if (m.getIdempotencyKey().isEmpty() || !worthRemembering(result)) {
            return;
        }
        String scope = scope(m, rpc, aggregateId);
        kv.put("k/" + scope, IdempotencyRecord.newBuilder()
                .setRequestHash(m.getRequestHash())
                .setResult(result)
                .setRememberedAtMs(now)
                .build().toByteArray());
        kv.put(timeKey(now, scope), new byte[0]);
    }

    /** Forgets every key remembered more than the TTL ago; returns how many. */
    int purge(long now) {
        long cutoff = now - ttl.toMillis();
        List<KeyValue<String, byte[]>> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = kv.range("t/", timeKey(cutoff + 1, ""))) {
            it.forEachRemaining(expired::add);
        }
        for (KeyValue<String, byte[]> index : expired) {
            String scope = index.key.substring(index.key.indexOf('/', 2) + 1);
            byte[] bytes = kv.get("k/" + scope);
            long rememberedAt = Long.parseLong(index.key.substring(2, index.key.indexOf('/', 2)));
            // A key re-remembered after it expired has a newer index entry; keep its record.
            if (bytes != null
                    && StateCodec.parse(() -> IdempotencyRecord.parseFrom(bytes))
                                    .getRememberedAtMs()
                            == rememberedAt) {
                kv.delete("k/" + scope);
            }
            kv.delete(index.key);
        }
        return expired.size();
    }

    private static boolean worthRemembering(CommandResult result) {
        if (result.getOutcomeCase() != CommandResult.OutcomeCase.REJECTED) {
            return true;
        }
        RejectionCode code = result.getRejected().getCode();
        return code != RejectionCode.REJECTION_CODE_DEADLINE_EXCEEDED && code != RejectionCode.REJECTION_CODE_INTERNAL;
    }

    private static String timeKey(long millis, String scope) {
        return "t/" + String.format("%015d", Math.max(0, millis)) + "/" + scope;
    }

    /** The aggregate id in clear (for people reading a store dump), then a hash of the whole scope. */
    private static String scope(CommandMetadata m, String rpc, String aggregateId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(m.getOrganizationId(), rpc, aggregateId, m.getIdempotencyKey())) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            }
            return aggregateId + "/" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
