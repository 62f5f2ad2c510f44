package dev.pidgr.workflow.webhook;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * How the dispatcher's capacity is shared between organizations, so that one tenant's slow or
 * hanging endpoints cannot starve the others. An organization may hold at most
 * {@code pagesPerOrganization} of the {@code capacity} pages accepted at once (running, ready, or
 * waiting for a retry), and run at most {@code runningPerOrganization} attempts at once; ready
 * attempts are taken in turns, one organization after the other. Thread-safe; {@link #take} blocks.
 *
 * @param <T> an attempt ready to run
 */
final class DispatchShares<T> {

    /** Whether a page may be handed over now. */
    enum Admission { ACCEPTED, ORGANIZATION_FULL, FULL }

    private final int capacity;
    private final int pagesPerOrganization;
    private final int runningPerOrganization;
    private final Map<String, Integer> held = new HashMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<String, ArrayDeque<T>> ready = new HashMap<>();
    /** Organizations with ready attempts, the next one to serve first. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private int heldTotal;
    private boolean closed;

    DispatchShares(int capacity, int pagesPerOrganization, int runningPerOrganization) {
        this.capacity = capacity;
        this.pagesPerOrganization = pagesPerOrganization;
        this.runningPerOrganization = runningPerOrganization;
    }

    /** Whether a page of the organization would be accepted now (nothing is taken). */
    synchronized Admission admission(String organizationId) {
        if (heldTotal >= capacity) {
            return Admission.FULL;
        }
        return held.getOrDefault(organizationId, 0) >= pagesPerOrganization
                ? Admission.ORGANIZATION_FULL
                : Admission.ACCEPTED;
    }

    /** Takes a page's slot if {@link #admission} allows; the slot is held until {@link #release}. */
    synchronized Admission accept(String organizationId) {
        Admission admission = admission(organizationId);
        if (admission == Admission.ACCEPTED) {
            heldTotal++;
            held.merge(organizationId, 1, Integer::sum);
        }
        return admission;
    }

    /** A held page's slot is free again (the page finished, or stopped). */
    synchronized void release(String organizationId) {
        heldTotal--;
        held.computeIfPresent(organizationId, (org, n) -> n <= 1 ? null : n - 1);
    }

    /** A held page is ready for its next attempt. */
    synchronized void ready(String organizationId, T attempt) {
        ArrayDeque<T> queue = ready.computeIfAbsent(organizationId, org -> new ArrayDeque<>());
        if (queue.isEmpty()) {
            turns.addLast(organizationId);
        }
        queue.addLast(attempt);
        notifyAll();
    }

    /**
     * The next attempt to run: from the first organization in turn that runs fewer than its share,
     * which then goes to the back of the line. Null when none may run now.
     */
    synchronized T next() {
        for (int i = 0; i < turns.size(); i++) {
            String organizationId = turns.pollFirst();
            ArrayDeque<T> queue = ready.get(organizationId);
            if (running.getOrDefault(organizationId, 0) >= runningPerOrganization) {
                turns.addLast(organizationId);
                continue;
            }
            T attempt = queue.pollFirst();
            running.merge(organizationId, 1, Integer::sum);
            if (queue.isEmpty()) {
                ready.remove(organizationId);
            } else {
                turns.addLast(organizationId);
            }
            return attempt;
        }
        return null;
    }

    /** Blocks until an attempt may run; null once closed. */
    synchronized T take() throws InterruptedException {
        while (!closed) {
            T attempt = next();
            if (attempt != null) {
                return attempt;
            }
            wait();
        }
        return null;
    }

    /** An attempt taken with {@link #next} or {@link #take} ended: its organization may run another. */
    synchronized void ended(String organizationId) {
        running.computeIfPresent(organizationId, (org, n) -> n <= 1 ? null : n - 1);
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
