// docs/configuration.md is in line with the code, and the check notices when it is not.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, parseServeOptions, readLogVariables, readOtherFlags, readServeOptions } from "../lib/serve-options.mjs";
import { checkConfigurationDoc } from "../lib/check-config-doc.mjs";

const doc = readFileSync(join(ROOT, "docs/configuration.md"), "utf8");
const context = { options: readServeOptions(), logVariables: readLogVariables(), otherFlags: readOtherFlags() };

function problemsWith(from, to) {
  assert.ok(doc.includes(from), `docs/configuration.md no longer contains ${JSON.stringify(from)}: update this test`);
  return checkConfigurationDoc(doc.replace(from, to), context);
}

describe("docs/configuration.md check", () => {
  it("finds the reference in line with the code", () => {
    assert.deepEqual(checkConfigurationDoc(doc, context), []);
  });

  it("notices a wrong default", () => {
    assert.deepEqual(problemsWith("| `--partitions` | `PIDGR_PARTITIONS` | `6` |", "| `--partitions` | `PIDGR_PARTITIONS` | `8` |"),
      ["serve: --partitions defaults to `6`, the table says `8`"]);
  });

  it("notices a wrong variable", () => {
    assert.deepEqual(problemsWith("| `--kafka` | `PIDGR_KAFKA_BOOTSTRAP_SERVERS` |", "| `--kafka` | `PIDGR_KAFKA` |"),
      ["serve: --kafka reads PIDGR_KAFKA_BOOTSTRAP_SERVERS, the table says `PIDGR_KAFKA`"]);
  });

  it("notices a missing option and one that does not exist", () => {
    const problems = problemsWith("| `--tls-key` |", "| `--tls-private-key` |");
    assert.ok(problems.includes("serve: --tls-key (PIDGR_TLS_KEY) is not in the table"), problems.join("\n"));
    assert.ok(problems.includes("serve: the table documents `--tls-private-key`, which ServeCommand does not have"), problems.join("\n"));
  });

  it("notices rows out of ServeCommand's order", () => {
    const roles = doc.match(/^\| `--roles` .*\n/m)[0];
    const kafka = doc.match(/^\| `--kafka` .*\n/m)[0];
    const problems = checkConfigurationDoc(doc.replace(roles + kafka, kafka + roles), context);
    assert.ok(problems.some((p) => p.startsWith("serve: --roles is row 2")), problems.join("\n"));
  });

  it("notices a wrong dev-mode default", () => {
    assert.deepEqual(problemsWith("| `--kafka-port` | `19092` |", "| `--kafka-port` | `9092` |"),
      ["pidgr dev: --kafka-port defaults to 19092, the table says `9092`"]);
  });

  it("notices an undocumented client flag", () => {
    assert.deepEqual(problemsWith("| `--timeout` | `PT30S` |", "| timeout | `PT30S` |"), ["client commands: --timeout is not documented"]);
  });

  it("notices PIDGR_LOG_LEVEL missing from the environment table", () => {
    const row = doc.match(/^\| `PIDGR_LOG_LEVEL` .*\n/m)[0];
    assert.deepEqual(checkConfigurationDoc(doc.replace(row, ""), context), ["PIDGR_LOG_LEVEL is not in the environment variables table"]);
  });
});

describe("reading ServeCommand", () => {
  it("reads flag, variable, default, type and the roles that require it", () => {
    const [option] = parseServeOptions(`
      @Option(names = "--jdbc-url", defaultValue = "\${env:PIDGR_JDBC_URL}", description = "PostgreSQL JDBC URL (PIDGR_JDBC_URL; required for api and query).")
      String jdbcUrl;`);
    assert.deepEqual(option, {
      flag: "--jdbc-url", variable: "PIDGR_JDBC_URL", defaultValue: null, type: "String", field: "jdbcUrl",
      description: "PostgreSQL JDBC URL (PIDGR_JDBC_URL; required for api and query).", requiredFor: ["api", "query"],
    });
  });

  it("refuses an option it cannot read rather than skipping it", () => {
    assert.throws(() => parseServeOptions(`
      @Option(names = "--a", defaultValue = "\${env:PIDGR_A:-1}", description = "A.") int a;
      @Option(description = "B.", names = "--b") int b;`), /read 1 of 2 @Option declarations/);
  });
});
