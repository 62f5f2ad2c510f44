// The files a markdown page links to (relative links only), read so the pure checks can look at them.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/** {"operations.md": its text, ...} for each relative link target of `text` that exists as a file next to `file`. */
export function readLinkTargets(file, text) {
  const targets = {};
  for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)\s]*)?\)/g)) {
    const path = join(dirname(file), target);
    if (!/^[a-z]+:/i.test(target) && existsSync(path) && statSync(path).isFile()) {
      targets[target] = readFileSync(path, "utf8");
    }
  }
  return targets;
}
