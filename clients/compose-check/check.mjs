#!/usr/bin/env node
// Checks docker-compose.yml and docs/configuration.md against `pidgr serve`'s options as declared in
// ServeCommand.java. Usage: node clients/compose-check/check.mjs [compose file] [configuration doc]
// Exits 1, listing every problem, when either is out of line.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT, readLogVariables, readOtherFlags, readServeOptions } from "./lib/serve-options.mjs";
import { checkCompose } from "./lib/check-compose.mjs";
import { checkConfigurationDoc } from "./lib/check-config-doc.mjs";

const composeFile = process.argv[2] ?? join(ROOT, "docker-compose.yml");
const docFile = process.argv[3] ?? join(ROOT, "docs/configuration.md");
const options = readServeOptions();
const logVariables = readLogVariables();
const secretsDoc = readFileSync(join(ROOT, "deploy/secrets/README.md"), "utf8");

let failed = false;
for (const [file, problems] of [
  [composeFile, checkCompose(readFileSync(composeFile, "utf8"), { options, logVariables, secretsDoc })],
  [docFile, checkConfigurationDoc(readFileSync(docFile, "utf8"), { options, logVariables, otherFlags: readOtherFlags() })],
]) {
  const name = file.startsWith(process.cwd()) ? relative(process.cwd(), file) : file;
  if (problems.length === 0) {
    console.log(`${name}: in line with the ${options.length} options of pidgr serve`);
  } else {
    failed = true;
    console.error(`${name}: ${problems.length} problem(s)`);
    problems.forEach((p) => console.error(`  - ${p}`));
  }
}
process.exit(failed ? 1 : 0);
