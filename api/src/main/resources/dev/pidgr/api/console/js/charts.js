// Small hand-written SVG: the funnel, the timeline and the workflow graph. Text goes in as text nodes.
import { h, s, number, enumLabel } from "./dom.js";
import { layout } from "./workflow.js";

export const STAGES = ["sent", "delivered", "read", "acknowledged", "missed"];
/** Where the gateway left a delivery (GetCampaign's current counts): a funnel row once there are any. */
export const OUTCOMES = ["noDevice", "failed"];
const LABELS = { sent: "Sent", delivered: "Delivered", read: "Read", acknowledged: "Acknowledged", missed: "Missed",
  noDevice: "No device", failed: "Failed" };

/** The name a stage or an outcome is shown under. */
export function stageLabel(key) {
  return LABELS[key];
}

/** The stages, then each outcome with a non-zero count in {@code totals}. */
export function shownStages(totals) {
  return [...STAGES, ...OUTCOMES.filter((k) => (totals[k] ?? 0) > 0)];
}

/**
 * Horizontal bars, each stage's count and its share of those sent: HTML, so the text keeps its size
 * on a narrow screen. Bar widths are set through the CSSOM, which the CSP allows (no style attribute).
 */
export function funnel(totals) {
  const sent = Math.max(1, totals.sent);
  const stages = shownStages(totals);
  return h("div", { class: "funnel", role: "img",
    "aria-label": stages.map((k) => `${stageLabel(k).toLowerCase()} ${totals[k] ?? 0}`).join(", ") },
    stages.map((stage) => {
      const value = totals[stage] ?? 0;
      const bar = h("span", { class: `bar stage-${stage}` });
      bar.style.width = `${Math.min(100, (100 * value) / sent)}%`;
      return h("div", { class: "funnel-row" },
        h("span", { class: "funnel-label" }, stageLabel(stage)),
        h("span", { class: "funnel-track" }, bar),
        h("span", { class: "funnel-value", "data-stage": stage }, `${number(value)} (${Math.round((100 * value) / sent)}%)`));
    }));
}

/** Cumulative lines per stage over the timeline's points. */
export function timeline(points, bucketSeconds) {
  const width = 460;
  const height = 200;
  const pad = { left: 48, right: 12, top: 10, bottom: 30 };
  const totals = Object.fromEntries(STAGES.map((k) => [k, 0]));
  const series = Object.fromEntries(STAGES.map((k) => [k, []]));
  for (const p of points) {
    for (const k of STAGES) {
      totals[k] += p[k] ?? 0;
      series[k].push(totals[k]);
    }
  }
  const max = Math.max(1, ...STAGES.map((k) => totals[k]));
  const n = Math.max(1, points.length - 1);
  const x = (i) => pad.left + ((width - pad.left - pad.right) * i) / n;
  const y = (v) => height - pad.bottom - ((height - pad.top - pad.bottom) * v) / max;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart timeline", role: "img",
    "aria-label": `Timeline of ${points.length} points of ${bucketSeconds} s: ${STAGES.map((k) => `${k} ${totals[k]}`).join(", ")}` });
  svg.append(
    s("line", { x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0), class: "axis" }),
    s("line", { x1: pad.left, y1: y(0), x2: pad.left, y2: pad.top, class: "axis" }),
    s("text", { x: pad.left - 6, y: y(max) + 4, class: "axis-label end" }, number(max)),
    s("text", { x: pad.left - 6, y: y(0) + 4, class: "axis-label end" }, "0"));
  if (points.length) {
    svg.append(
      s("text", { x: pad.left, y: height - 8, class: "axis-label" }, clock(points[0].at)),
      s("text", { x: width - pad.right, y: height - 8, class: "axis-label end" }, clock(points[points.length - 1].at)));
  }
  for (const k of STAGES) {
    const path = series[k].map((v, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    if (path) {
      svg.append(s("path", { d: points.length === 1 ? `${path} L${x(1)},${y(series[k][0])}` : path, class: `line stage-${k}` }));
    }
  }
  return svg;
}

/** The workflow as layers of boxes from its entry down; the current step is highlighted. */
export function dag(steps, currentStepId) {
  const { layers, edges } = layout(steps);
  const box = { w: 150, h: 46, gapX: 24, gapY: 42 };
  const rowOf = new Map(layers.flatMap((layer, row) => layer.map((id) => [id, row])));
  const skips = (e) => rowOf.has(e.from) && rowOf.has(e.to) && Math.abs(rowOf.get(e.to) - rowOf.get(e.from)) > 1;
  const widest = Math.max(...layers.map((l) => l.length));
  const side = edges.some((e) => skips(e)) ? 130 : 0; // room on the right for edges that skip layers
  const width = widest * (box.w + box.gapX) + box.gapX + side;
  const height = layers.length * (box.h + box.gapY) + box.gapY / 2;
  const position = new Map();
  layers.forEach((layer, row) => {
    const offset = (width - side - layer.length * (box.w + box.gapX) + box.gapX) / 2;
    layer.forEach((id, col) => position.set(id, { x: offset + col * (box.w + box.gapX), y: box.gapY / 2 + row * (box.h + box.gapY) }));
  });
  // Drawn at its natural size (scrolling sideways when wider than the screen), so text stays readable.
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "chart dag", role: "img",
    "aria-label": `Workflow: ${steps.map((st) => st.id).join(", ")}${currentStepId ? `; current step ${currentStepId}` : ""}` });
  svg.append(s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: "auto-start-reverse" }, s("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow" }))));
  let bend = 0;
  for (const e of edges) {
    const from = position.get(e.from);
    const to = position.get(e.to);
    if (!from || !to) continue;
    if (skips(e)) {
      // Around the boxes in between, on the right: out of the source's side, into the target's.
      const x1 = from.x + box.w;
      const y1 = from.y + box.h / 2;
      const x2 = to.x + box.w;
      const y2 = to.y + box.h / 2;
      const out = Math.max(x1, x2) + 40 + 18 * bend++;
      svg.append(s("path", { d: `M${x1},${y1} C${out},${y1} ${out},${y2} ${x2},${y2}`, class: "edge", "marker-end": "url(#arrow)" }),
        s("text", { x: out - 10, y: (y1 + y2) / 2, class: "edge-label" }, e.label.replaceAll("_", " ")));
      continue;
    }
    const x1 = from.x + box.w / 2;
    const y1 = from.y + box.h;
    const x2 = to.x + box.w / 2;
    const y2 = to.y;
    svg.append(s("path", { d: `M${x1},${y1} C${x1},${y1 + 24} ${x2},${y2 - 24} ${x2},${y2}`, class: "edge", "marker-end": "url(#arrow)" }),
      s("text", { x: (x1 + x2) / 2 + 4, y: (y1 + y2) / 2 + 4, class: "edge-label" }, e.label.replaceAll("_", " ")));
  }
  for (const [id, p] of position) {
    const step = steps.find((st) => st.id === id);
    const current = id === currentStepId;
    svg.append(s("g", { class: `node${current ? " current" : ""}${id === "end" ? " end" : ""}`, "data-step": id },
      s("rect", { x: p.x, y: p.y, width: box.w, height: box.h, rx: 8 }),
      s("text", { x: p.x + box.w / 2, y: p.y + 19, class: "node-id" }, clip(id, 20)),
      s("text", { x: p.x + box.w / 2, y: p.y + 36, class: "node-type" }, step ? enumLabel(step.type, "STEP_TYPE_") : "")));
  }
  return svg;
}

function clock(at) {
  return new Date(at).toLocaleTimeString("en-GB");
}

function clip(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
