// Workflows in the console: the presets a manager picks from, and the layout of a workflow's DAG
// as layers (each step one layer below the deepest step that leads to it). Pure: no DOM.

/** The default workflow: the server's own (a single SEND_NOTIFICATION step) when none is sent. */
export const DEFAULT = null;

/** Send, wait `delay`, remind who has not acknowledged, wait again, mark the rest missed. */
export function deadlineChain(delay = "1h") {
  return {
    steps: [
      { id: "send", type: "STEP_TYPE_SEND_NOTIFICATION", sendNotification: {}, transitions: { completed: "deadline" } },
      { id: "deadline", type: "STEP_TYPE_DEADLINE_CHECK", deadlineCheck: { delay },
        transitions: { completed: "remind", all_acknowledged: "end" } },
      { id: "remind", type: "STEP_TYPE_SEND_REMINDER", sendReminder: {}, transitions: { completed: "last-call" } },
      { id: "last-call", type: "STEP_TYPE_DEADLINE_CHECK", deadlineCheck: { delay },
        transitions: { completed: "missed", all_acknowledged: "end" } },
      { id: "missed", type: "STEP_TYPE_MARK_MISSED", transitions: {} },
    ],
  };
}

/** The steps of `workflow` (absent: the default single send step). */
export function stepsOf(workflow) {
  const steps = workflow?.steps ?? [];
  return steps.length ? steps : [{ id: "send", type: "STEP_TYPE_SEND_NOTIFICATION", transitions: {} }];
}

/**
 * Layers of the DAG from its entry (the first step), and its edges:
 * { layers: [[stepId...]...], edges: [{ from, to, label }] }. Unreachable steps go last.
 */
export function layout(steps) {
  const ids = steps.map((s) => s.id);
  const edges = [];
  for (const step of steps) {
    for (const [label, to] of Object.entries(step.transitions ?? {})) {
      edges.push({ from: step.id, to, label });
    }
  }
  const depth = new Map(ids.length ? [[ids[0], 0]] : []);
  // Longest path from the entry: relax edges as often as there are steps (the graph has no cycle).
  for (let round = 0; round < ids.length; round++) {
    for (const e of edges) {
      if (depth.has(e.from) && ids.includes(e.to) && (depth.get(e.to) ?? -1) < depth.get(e.from) + 1) {
        depth.set(e.to, depth.get(e.from) + 1);
      }
    }
  }
  const deepest = Math.max(0, ...depth.values());
  const layers = [];
  for (const id of ids) {
    const d = depth.has(id) ? depth.get(id) : deepest + 1;
    (layers[d] ??= []).push(id);
  }
  if (edges.some((e) => e.to === "end")) {
    layers.push(["end"]);
  }
  return { layers: layers.filter(Boolean), edges };
}
