#!/usr/bin/env node
// Checks docker-compose.yml and docs/configuration.md against the code: `pidgr serve`'s options as
// declared in ServeCommand.java, the other commands' options, and the metric families.
// Usage: node clients/compose-check/check.mjs [compose file] [configuration doc]
// Exits 1, listing every problem, when either is out of line.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  ROOT, readComposeOptions, readLogVariables, readOtherCommands, readServeOptions, readUndocumentedCommands,
} from "./lib/serve-options.mjs";
import { readMeterFamilies } from "./lib/meter-families.mjs";
import { readLinkTargets } from "./lib/link-targets.mjs";
import { readImage } from "./lib/image.mjs";
import { checkCompose } from "./lib/check-compose.mjs";
import { checkConfigurationDoc } from "./lib/check-config-doc.mjs";

const composeFile = process.argv[2] ?? join(ROOT, "docker-compose.yml");
const docFile = process.argv[3] ?? join(ROOT, "docs/configuration.md");
const options = readServeOptions();
const composeOptions = readComposeOptions();
const logVariables = readLogVariables();
const secretsDoc = readFileSync(join(ROOT, "deploy/secrets/README.md"), "utf8");
const doc = readFileSync(docFile, "utf8");
const meterFamilies = readMeterFamilies();

let failed = false;
for (const [file, problems, what] of [
  [composeFile, checkCompose(readFileSync(composeFile, "utf8"),
    { options: composeOptions, logVariables, secretsDoc, image: readImage() }),
  `the ${composeOptions.length} options of pidgr serve (the gateway's included) and the image ${readImage().reference}`],
  [docFile, checkConfigurationDoc(doc, {
    options, logVariables, commands: readOtherCommands(), undocumentedCommands: readUndocumentedCommands(), meterFamilies,
    linkTargets: readLinkTargets(docFile, doc),
  }), `the options of pidgr serve and ${readOtherCommands().length} other commands, and ${meterFamilies.length} metric families`],
]) {
  const name = file.startsWith(process.cwd()) ? relative(process.cwd(), file) : file;
  if (problems.length === 0) {
    console.log(`${name}: in line with ${what}`);
  } else {
    failed = true;
    console.error(`${name}: ${problems.length} problem(s)`);
    problems.forEach((p) => console.error(`  - ${p}`));
  }
}
process.exit(failed ? 1 : 0);
