// The metric families pidgr registers itself, read from the Java sources (Micrometer builders whose
// name is a "pidgr." literal or a constant holding one), named as the Prometheus registry exports
// them, so that docs/configuration.md's metrics table can never drift from the code.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./serve-options.mjs";

const BUILDER = /\b(Gauge|TimeGauge|Counter|FunctionCounter|Timer|FunctionTimer|LongTaskTimer|DistributionSummary)\.builder\(\s*("pidgr\.[^"]+"|[A-Z][A-Z0-9_]*)/g;

/**
 * The families registered in one Java source: [{name, prometheus, type}], e.g.
 * {name: "pidgr.projection.lag.seconds", prometheus: "pidgr_projection_lag_seconds", type: "Gauge"}.
 */
export function parseMeterFamilies(source) {
  const constants = Object.fromEntries([...source.matchAll(/\bString\s+([A-Z][A-Z0-9_]*)\s*=\s*"(pidgr\.[^"]+)"\s*;/g)]
    .map(([, constant, value]) => [constant, value]));
  const families = [];
  for (const match of source.matchAll(BUILDER)) {
    const [, type, nameOrConstant] = match;
    const name = nameOrConstant.startsWith('"') ? nameOrConstant.slice(1, -1) : constants[nameOrConstant];
    if (!name) {
      continue; // a variable name (the Kafka binder's), not one of pidgr's families
    }
    const chain = source.slice(match.index, source.indexOf(".register(", match.index));
    const baseUnit = chain.match(/\.baseUnit\(\s*"([^"]+)"\s*\)/)?.[1] ?? null;
    families.push({ name, prometheus: prometheusName(name, type, baseUnit), type });
  }
  return families;
}

/** As Micrometer's PrometheusNamingConvention names a meter: dots to underscores, then the unit and _total suffixes. */
export function prometheusName(name, type, baseUnit) {
  let out = name.replace(/\./g, "_");
  const unit = ["Timer", "FunctionTimer", "LongTaskTimer", "TimeGauge"].includes(type) ? "seconds" : baseUnit;
  if (unit && !out.endsWith(`_${unit}`)) {
    out += `_${unit}`;
  }
  if ((type === "Counter" || type === "FunctionCounter") && !out.endsWith("_total")) {
    out += "_total";
  }
  return out;
}

/** Every family registered under the modules' src/main/java, sorted by Prometheus name, each once. */
export function readMeterFamilies(root = ROOT) {
  const byName = new Map();
  for (const module of readdirSync(root)) {
    const sources = join(root, module, "src", "main", "java");
    if (!isDirectory(sources)) {
      continue;
    }
    for (const file of readdirSync(sources, { recursive: true }).filter((f) => String(f).endsWith(".java"))) {
      for (const family of parseMeterFamilies(readFileSync(join(sources, String(file)), "utf8"))) {
        byName.set(family.prometheus, family);
      }
    }
  }
  return [...byName.values()].sort((a, b) => a.prometheus.localeCompare(b.prometheus));
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
