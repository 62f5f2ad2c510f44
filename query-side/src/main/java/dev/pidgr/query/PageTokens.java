package dev.pidgr.query;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, signed keyset cursors. A token is base64url(payload || mac) where payload is (format,
 * query kind, organization, filter, last sort key) and mac the first 16 bytes of its HMAC-SHA256
 * under the server's key. A token that fails the MAC, names another organization, or was made
 * for another query (kind or filter) is refused with {@link InvalidPageTokenException}.
 * Thread-safe.
 */
public final class PageTokens {

    /** Where a page ended: the last item's sort key, as (time in microseconds, id). */
    public record Cursor(String kind, String organizationId, String filter, long micros, String id) {
    }

    private static final byte FORMAT = 1;
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** {@code key}: the server's secret, at least 16 bytes; tokens made under another key are refused. */
    public PageTokens(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the page token key must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String encode(Cursor cursor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(cursor.kind());
            out.writeUTF(cursor.organizationId());
            out.writeUTF(cursor.filter());
            out.writeLong(cursor.micros());
            out.writeUTF(cursor.id());
            out.write(mac(bytes.toByteArray()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cursor too large to encode", e);
        }
        return ENCODER.encodeToString(bytes.toByteArray());
    }

    /** The cursor in {@code token}, checked to belong to this organization and query. */
    public Cursor decode(String token, String kind, String organizationId, String filter) {
        byte[] raw;
        try {
            raw = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.length <= MAC_BYTES + 1) {
            throw invalid();
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
        if (!MessageDigest.isEqual(mac, mac(payload))) {
            throw invalid();
        }
        Cursor cursor = read(payload);
        if (!cursor.kind().equals(kind) || !cursor.organizationId().equals(organizationId)
                || !cursor.filter().equals(filter)) {
            throw invalid();
        }
        return cursor;
    }

    private static Cursor read(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != FORMAT) {
                throw invalid();
            }
            Cursor cursor = new Cursor(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readUTF());
            if (in.available() != 0) {
                throw invalid();
            }
            return cursor;
        } catch (IOException e) {
            throw invalid();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static InvalidPageTokenException invalid() {
        return new InvalidPageTokenException("page_token is not a token of this query");
    }
}
