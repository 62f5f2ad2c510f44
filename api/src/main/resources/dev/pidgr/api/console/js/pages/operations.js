// Operations: whether this api process's roles are ready, how far projections and processors are
// behind (for the roles this process runs), and a replay under way. Refreshes every 5 s.
import { operations } from "../api.js";
import { h, show, number } from "../dom.js";
import { showError, clearError } from "../errors.js";

const REFRESH_MS = 5_000;

export function render(main) {
  let timer = 0;
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const body = h("div");
  show(main, h("h1", {}, "Operations"), h("p", { class: "hint" },
    "As this api process sees it: the figures of its metrics endpoint. Lag shows for the roles it runs."), error, body);
  const load = async () => {
    try {
      const status = await operations();
      clearError(error);
      show(body,
        h("section", { class: "card" }, h("h2", {}, "Readiness"),
          h("p", { "data-testid": "readiness" }, h("span", { class: `badge ${status.ready ? "badge-completed" : "badge-failed"}` },
            status.ready ? "Ready" : "Not ready"), ` roles: ${status.roles.join(", ")}`)),
        lagCard("Projection lag", "Projection", status.projections, true),
        lagCard("Processor lag", "Processor", status.processors, false),
        h("section", { class: "card" }, h("h2", {}, "Replay"),
          h("p", { "data-testid": "replay" }, status.replay
            ? `Rebuilding ${status.replay.into || "a new schema"}${status.replay.handingOver ? ": caught up, waiting for the live projector to hand over" : ""}`
            : "No replay running.")));
    } catch (e) {
      showError(error, e);
    }
    timer = setTimeout(load, REFRESH_MS);
  };
  load();
  return () => clearTimeout(timer);
}

function lagCard(title, what, lags, seconds) {
  return h("section", { class: "card" }, h("h2", {}, title), lags.length ? h("table", { class: "list" },
    h("thead", {}, h("tr", {}, [what, "Records behind", seconds ? "Seconds behind" : null].filter(Boolean).map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, lags.map((l) => h("tr", {},
      h("td", { "data-label": what }, l.name),
      h("td", { "data-label": "Records behind", class: "num" }, number(l.recordsBehind)),
      seconds ? h("td", { "data-label": "Seconds behind", class: "num" }, l.secondsBehind < 0 ? "—" : l.secondsBehind.toFixed(1)) : null)))) :
    h("p", { class: "empty" }, "Not run by this process."));
}
