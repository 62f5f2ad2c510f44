package dev.pidgr.app.cli;

import dev.pidgr.api.v1.PaginationMeta;

/** The line under a listed page: how many in all, and how to get the next page. */
final class Pages {

    private Pages() {
    }

    static void footer(Output out, PaginationMeta meta) {
        String next = meta.getNextPageToken().isEmpty() ? "" : "   next page: --page-token " + meta.getNextPageToken();
        out.line("(" + meta.getTotalCount() + " in all)" + next);
    }
}
