package dev.pidgr.query;

/**
 * One page of a list query as the client asked for it: {@code pageSize} 0 means the default (20),
 * above 100 is clamped to 100 (negative sizes are refused at the edge); {@code pageToken} is empty
 * for the first page, else an opaque signed token from a previous page.
 */
public record PageRequest(int pageSize, String pageToken) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public PageRequest {
        pageToken = pageToken == null ? "" : pageToken;
    }

    /** The number of items to return: the default for 0, clamped to {@link #MAX_SIZE}. */
    public int effectiveSize() {
        return pageSize <= 0 ? DEFAULT_SIZE : Math.min(pageSize, MAX_SIZE);
    }
}
