package dev.pidgr.query;

import java.util.List;

/** One page of results: the items, the token of the next page (empty on the last) and the exact total. */
public record Page<T>(List<T> items, String nextPageToken, int totalCount) {

    public Page {
        items = List.copyOf(items);
        nextPageToken = nextPageToken == null ? "" : nextPageToken;
    }
}
