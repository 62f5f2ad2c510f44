package dev.pidgr.command.workflow;

import static dev.pidgr.contract.step.StepText.step;

import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.contract.step.Transitions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules of the workflow as a graph: unique ids, transition targets that exist (or {@code end}),
 * no cycles, every step reachable from the entry (the first step). Steps are visited in list order
 * and transitions in label order, so the messages are the same for the same workflow.
 */
final class GraphRules {

    private final List<WorkflowStep> steps;
    private final String path;
    /** Step id to its first index; later duplicates are reported and left out of the graph. */
    private final Map<String, Integer> index = new LinkedHashMap<>();
    /** For each step index, its valid targets by label (labels sorted). */
    private final Map<Integer, Map<String, Integer>> edges = new HashMap<>();

    GraphRules(List<WorkflowStep> steps, String path) {
        this.steps = steps;
        this.path = path;
    }

    void check(List<Violation> out) {
        indexIds(out);
        collectEdges(out);
        findCycles(out);
        findUnreachable(out);
    }

    private void indexIds(List<Violation> out) {
        for (int i = 0; i < steps.size(); i++) {
            String id = steps.get(i).getId();
            if (id.isEmpty()) {
                continue;
            }
            Integer first = index.putIfAbsent(id, i);
            if (first != null) {
                out.add(new Violation(stepPath(i) + ".id", "step id " + Text.quote(id) + " is used by steps "
                        + first + " and " + i + "; step ids must be unique"));
            }
        }
    }

    private void collectEdges(List<Violation> out) {
        for (int i = 0; i < steps.size(); i++) {
            WorkflowStep s = steps.get(i);
            Map<String, Integer> targets = new TreeMap<>();
            for (Map.Entry<String, String> t : new TreeMap<>(s.getTransitionsMap()).entrySet()) {
                String target = t.getValue();
                if (target.equals(Transitions.END)) {
                    continue;
                }
                Integer to = index.get(target);
                if (to == null) {
                    out.add(new Violation(stepPath(i) + ".transitions[" + t.getKey() + "]", step(s) + "transition "
                            + Text.quote(t.getKey()) + " targets unknown step " + Text.quote(target)));
                } else {
                    targets.put(t.getKey(), to);
                }
            }
            edges.put(i, targets);
        }
    }

    /** Depth-first search with colours; every back edge closes a cycle and is reported once. */
    private void findCycles(List<Violation> out) {
        int[] colour = new int[steps.size()]; // 0 unvisited, 1 on the current path, 2 done
        for (int root = 0; root < steps.size(); root++) {
            if (colour[root] == 0) {
                visit(root, colour, new ArrayDeque<>(), out);
            }
        }
    }

    private void visit(int node, int[] colour, Deque<Integer> trail, List<Violation> out) {
        // An explicit stack of iterators keeps a 100-step chain from deepening the Java stack needlessly.
        Deque<Iterator<Map.Entry<String, Integer>>> work = new ArrayDeque<>();
        colour[node] = 1;
        trail.addLast(node);
        work.push(edges.get(node).entrySet().iterator());
        while (!work.isEmpty()) {
            int current = trail.peekLast();
            Iterator<Map.Entry<String, Integer>> it = work.peek();
            if (!it.hasNext()) {
                colour[current] = 2;
                trail.removeLast();
                work.pop();
                continue;
            }
            Map.Entry<String, Integer> edge = it.next();
            int to = edge.getValue();
            if (colour[to] == 1) {
                out.add(cycle(current, edge.getKey(), to, trail));
            } else if (colour[to] == 0) {
                colour[to] = 1;
                trail.addLast(to);
                work.push(edges.get(to).entrySet().iterator());
            }
        }
    }

    private Violation cycle(int from, String label, int to, Deque<Integer> trail) {
        List<String> loop = new ArrayList<>();
        boolean inLoop = false;
        for (int n : trail) {
            inLoop |= n == to;
            if (inLoop) {
                loop.add(steps.get(n).getId());
            }
        }
        loop.add(steps.get(to).getId());
        return new Violation(stepPath(from) + ".transitions[" + label + "]", step(steps.get(from)) + "transition "
                + Text.quote(label) + " closes a cycle " + String.join(" -> ", loop) + "; a workflow must be acyclic");
    }

    private void findUnreachable(List<Violation> out) {
        boolean[] seen = new boolean[steps.size()];
        Deque<Integer> queue = new ArrayDeque<>(List.of(0));
        seen[0] = true;
        while (!queue.isEmpty()) {
            for (int to : edges.get(queue.poll()).values()) {
                if (!seen[to]) {
                    seen[to] = true;
                    queue.add(to);
                }
            }
        }
        for (int i = 1; i < steps.size(); i++) {
            if (!seen[i] && !isDuplicate(i)) {
                out.add(new Violation(stepPath(i), step(steps.get(i)) + "is not reachable from the entry step "
                        + Text.quote(steps.get(0).getId())));
            }
        }
    }

    /** A duplicate id is already reported; calling its step unreachable too would only add noise. */
    private boolean isDuplicate(int i) {
        String id = steps.get(i).getId();
        return !id.isEmpty() && index.get(id) != i;
    }

    private String stepPath(int i) {
        return path + ".steps[" + i + "]";
    }
}
