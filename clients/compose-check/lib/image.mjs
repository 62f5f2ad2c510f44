// pidgr's container image as the build defines it, read from the build itself so that the checks
// cannot drift from it: the name Jib gives the image (app/pom.xml's pidgr.image) and the Debian
// packages its default base adds (deploy/image/build-base.sh's --include).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./serve-options.mjs";

export const APP_POM = "app/pom.xml";
export const BASE_SCRIPT = "deploy/image/build-base.sh";

/** {reference: "pidgr:latest", basePackages: ["curl", ...]} */
export function parseImage(pom, baseScript) {
  const reference = pom.match(/<pidgr\.image>([^<]+)<\/pidgr\.image>/)?.[1]?.trim() ?? null;
  const basePackages = [...baseScript.matchAll(/--include=([\w.+,-]+)/g)].flatMap(([, names]) => names.split(","));
  return { reference, basePackages };
}

export function readImage(root = ROOT) {
  return parseImage(readFileSync(join(root, APP_POM), "utf8"), readFileSync(join(root, BASE_SCRIPT), "utf8"));
}
