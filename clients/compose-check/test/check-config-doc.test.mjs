// docs/configuration.md is in line with the code, and the check notices when it is not.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  COMMAND_DIRS, ROOT, SERVE_COMMAND, parseCommandOptions, parseServeOptions, readLogVariables, readOtherCommands,
  readServeOptions, readUndocumentedCommands,
} from "../lib/serve-options.mjs";
import { parseMeterFamilies, readMeterFamilies } from "../lib/meter-families.mjs";
import { readLinkTargets } from "../lib/link-targets.mjs";
import { checkConfigurationDoc, headingSlugs } from "../lib/check-config-doc.mjs";

const docFile = join(ROOT, "docs/configuration.md");
const doc = readFileSync(docFile, "utf8");
const context = {
  options: readServeOptions(),
  logVariables: readLogVariables(),
  commands: readOtherCommands(),
  undocumentedCommands: readUndocumentedCommands(),
  meterFamilies: readMeterFamilies(),
  linkTargets: readLinkTargets(docFile, doc),
};

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
    assert.ok(problems.includes("serve: --tls-key (PIDGR_TLS_KEY) is not documented in its table"), problems.join("\n"));
    assert.ok(problems.includes("serve: the table documents `--tls-private-key`, which the code does not declare"), problems.join("\n"));
  });

  it("notices the password file option missing, as when it was added to ServeCommand", () => {
    const row = doc.match(/^\| `--jdbc-password-file` .*\n/m)[0];
    assert.deepEqual(checkConfigurationDoc(doc.replace(row, ""), context),
      ["serve: --jdbc-password-file (PIDGR_JDBC_PASSWORD_FILE) is not documented in its table"]);
  });

  it("notices rows out of ServeCommand's order, naming only the rows that moved", () => {
    const roles = doc.match(/^\| `--roles` .*\n/m)[0];
    const kafka = doc.match(/^\| `--kafka` .*\n/m)[0];
    assert.deepEqual(checkConfigurationDoc(doc.replace(roles + kafka, kafka + roles), context),
      ["serve: `--roles` comes after `--kafka` in the table, but the code declares it before"]);
  });

  it("notices a wrong dev-mode default", () => {
    assert.deepEqual(problemsWith("| `--kafka-port` | `19092` |", "| `--kafka-port` | `9092` |"),
      ["pidgr dev: --kafka-port defaults to 19092, the table says `9092`"]);
  });

  it("notices an undocumented client flag", () => {
    assert.deepEqual(problemsWith("| `--timeout` | `PT30S` |", "| timeout | `PT30S` |"), ["client commands: --timeout is not documented in its table"]);
  });

  it("notices a flag missing from its own command's table even when another command's table has it", () => {
    const tail = doc.slice(doc.indexOf("## `pidgr events tail`"));
    const row = tail.match(/^\| `--timeout` .*\n/m)[0];
    assert.deepEqual(checkConfigurationDoc(doc.replace(row, ""), context), ["pidgr events tail: --timeout is not documented in its table"]);
  });

  it("notices events tail's --max-records missing, the check's first failure", () => {
    const row = doc.match(/^\| `--max-records` .*\n/m)[0];
    assert.deepEqual(checkConfigurationDoc(doc.replace(row, ""), context), ["pidgr events tail: --max-records is not documented in its table"]);
  });

  it("notices a replay flag with the wrong variable or default", () => {
    assert.deepEqual(problemsWith("| `--jdbc-url` | `PIDGR_JDBC_URL` | the dev server's |", "| `--jdbc-url` | `PIDGR_JDBC` | the dev server's |"),
      ["pidgr replay: --jdbc-url reads PIDGR_JDBC_URL, the table says `PIDGR_JDBC`"]);
    assert.deepEqual(problemsWith("| `--handover-timeout` | | `PT2M` |", "| `--handover-timeout` | | `PT5M` |"),
      ["pidgr replay: --handover-timeout defaults to PT2M, the table says `PT5M`"]);
  });

  it("notices a required flag documented as optional", () => {
    assert.deepEqual(problemsWith("| `--sub` | | required |", "| `--sub` | | none |"), ["pidgr token: --sub is required, the table says none"]);
  });

  it("notices a command without its section", () => {
    assert.deepEqual(problemsWith("\n## `pidgr replay`\n", "\n## Replay\n"), ['pidgr replay: no section "## `pidgr replay`"']);
  });

  it("notices a command the checker does not know", () => {
    const file = "app/src/main/java/dev/pidgr/app/ops/MigrateCommand.java";
    assert.deepEqual(checkConfigurationDoc(doc, { ...context, undocumentedCommands: [file] }),
      [`${file} declares options, but the checker does not know its section: add it to OTHER_COMMANDS in lib/serve-options.mjs and document it`]);
  });

  it("notices a metric family the code registers but the table lacks", () => {
    const row = doc.match(/^\| `pidgr_ready` .*\n/m)[0];
    assert.deepEqual(checkConfigurationDoc(doc.replace(row, ""), context),
      ["Metrics and readiness: pidgr_ready (Gauge pidgr.ready) has no row in the table"]);
  });

  it("notices a metric name the code does not register", () => {
    assert.deepEqual(problemsWith("| `pidgr_workflow_reminders_sent_total` |", "| `pidgr_workflow_reminders_total` |"), [
      "Metrics and readiness: pidgr_workflow_reminders_sent_total (Counter pidgr.workflow.reminders.sent) has no row in the table",
      "Metrics and readiness: names pidgr_workflow_reminders_total, which the code does not register",
    ]);
  });

  it("notices /ready missing from the metrics section", () => {
    const section = doc.slice(doc.indexOf("## Metrics and readiness"), doc.indexOf("## Environment variables"));
    assert.deepEqual(checkConfigurationDoc(doc.replace(section, section.replaceAll("`GET /ready`", "the readiness path")), context),
      ["Metrics and readiness: `GET /ready` is not described"]);
  });

  it("notices links to a heading or a file that does not exist", () => {
    assert.deepEqual(problemsWith("(operations.md#what-to-alert-on)", "(operations.md#alerting)"),
      ["link operations.md#alerting: operations.md has no heading #alerting"]);
    assert.deepEqual(problemsWith("(#metrics-and-readiness)", "(#metrics)"), ["link #metrics: this page has no heading #metrics"]);
    assert.deepEqual(problemsWith("(security.md)", "(secrets.md)"), ["link secrets.md: there is no file secrets.md next to docs/configuration.md"]);
  });

  it("notices PIDGR_LOG_LEVEL missing from the environment table", () => {
    const row = doc.match(/^\| `PIDGR_LOG_LEVEL` .*\n/m)[0];
    assert.deepEqual(checkConfigurationDoc(doc.replace(row, ""), context), ["PIDGR_LOG_LEVEL is not in the environment variables table"]);
  });
});

describe("reading the code", () => {
  it("reads a serve option's flag, variable, default, type and the roles that require it", () => {
    const [option] = parseServeOptions(`
      @Option(names = "--jdbc-url", defaultValue = "\${env:PIDGR_JDBC_URL}", description = "PostgreSQL JDBC URL (PIDGR_JDBC_URL; required for api and query).")
      String jdbcUrl;`);
    assert.deepEqual(option, {
      flag: "--jdbc-url", variable: "PIDGR_JDBC_URL", defaultValue: null, type: "String", field: "jdbcUrl",
      description: "PostgreSQL JDBC URL (PIDGR_JDBC_URL; required for api and query).", requiredFor: ["api", "query"],
    });
  });

  it("refuses a serve option it cannot read rather than skipping it", () => {
    assert.throws(() => parseServeOptions(`
      @Option(names = "--a", defaultValue = "\${env:PIDGR_A:-1}", description = "A.") int a;
      @Option(description = "B.", names = "--b") int b;`), /read 1 of 2 @Option declarations/);
  });

  it("reads a description wrapped over several lines as joined string literals", () => {
    const [option] = parseServeOptions(`
      @Option(
              names = "--min-insync-replicas",
              defaultValue = "\${env:PIDGR_MIN_INSYNC_REPLICAS:-auto}",
              description = "Replicas in sync a write needs: a number, or auto ="
                      + " replication - 1, \\"at least\\" 1 (required for api and query).")
      String minInsync;`);
    assert.equal(option.flag, "--min-insync-replicas");
    assert.equal(option.defaultValue, "auto");
    assert.equal(option.description, 'Replicas in sync a write needs: a number, or auto = replication - 1, "at least" 1 (required for api and query).');
    assert.deepEqual(option.requiredFor, ["api", "query"]);
  });

  it("reads another command's variables, literal and constant defaults, and required flags", () => {
    const options = parseCommandOptions(`
      @Option(names = "--kafka", defaultValue = "\${env:PIDGR_KAFKA_BOOTSTRAP_SERVERS}", description = "Kafka (PIDGR_KAFKA_BOOTSTRAP_SERVERS).") String kafka;
      @Option(names = "--jdbc-user", defaultValue = "\${env:PIDGR_JDBC_USER:-pidgr}", description = "User (default: \${DEFAULT-VALUE}).") String user;
      @Option(names = {"-p", "--kafka-port"}, defaultValue = "" + DevInfra.DEFAULT_KAFKA_PORT, description = "Port (default: \${DEFAULT-VALUE}).") int port;
      @Option(names = "--topic", required = true, description = "Topic (e.g. \\"pidgr.campaign.events\\").") String topic;
      @Option(names = "-v", description = "No long name.") boolean verbose;`, { DEFAULT_KAFKA_PORT: "19092" });
    assert.deepEqual(options, [
      { flag: "--kafka", variable: "PIDGR_KAFKA_BOOTSTRAP_SERVERS", defaultValue: null, required: false },
      { flag: "--jdbc-user", variable: "PIDGR_JDBC_USER", defaultValue: "pidgr", required: false },
      { flag: "--kafka-port", variable: null, defaultValue: "19092", required: false },
      { flag: "--topic", variable: null, defaultValue: null, required: true },
    ]);
  });

  it("finds a command with options that no section documents", () => {
    const root = mkdtempSync(join(tmpdir(), "compose-check-"));
    try {
      COMMAND_DIRS.forEach((dir) => mkdirSync(join(root, dir), { recursive: true }));
      writeFileSync(join(root, SERVE_COMMAND), '@Option(names = "--roles") String roles;');
      writeFileSync(join(root, "app/src/main/java/dev/pidgr/app/ops/MigrateCommand.java"), '@Option(names = "--to") String to;');
      writeFileSync(join(root, "app/src/main/java/dev/pidgr/app/ops/EventsCommand.java"), "@Command(name = \"events\") class EventsCommand {}");
      assert.deepEqual(readUndocumentedCommands(root), ["app/src/main/java/dev/pidgr/app/ops/MigrateCommand.java"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("names metric families as the Prometheus registry does", () => {
    assert.deepEqual(parseMeterFamilies(`
      static final String LATENCY = "pidgr.api.command.latency";
      Timer.builder(LATENCY).tag("rpc", rpc).register(registry);
      Counter.builder("pidgr.workflow.webhook.pages").tag("outcome", o).register(registry);
      Gauge.builder("pidgr.projection.lag.seconds", m, f).baseUnit("seconds").register(registry);
      Gauge.builder("pidgr.ready", r, f).register(registry);
      Gauge.builder(meterName, metric, f).register(registry);`), [
      { name: "pidgr.api.command.latency", prometheus: "pidgr_api_command_latency_seconds", type: "Timer" },
      { name: "pidgr.workflow.webhook.pages", prometheus: "pidgr_workflow_webhook_pages_total", type: "Counter" },
      { name: "pidgr.projection.lag.seconds", prometheus: "pidgr_projection_lag_seconds", type: "Gauge" },
      { name: "pidgr.ready", prometheus: "pidgr_ready", type: "Gauge" },
    ]);
  });

  it("finds the families of every module, the api's and the query side's included", () => {
    const names = readMeterFamilies().map((f) => f.prometheus);
    for (const expected of ["pidgr_grpc_server_calls_seconds", "pidgr_api_command_rejections_total", "pidgr_projection_lag_events", "pidgr_ready"]) {
      assert.ok(names.includes(expected), `${expected} not in ${names.join(", ")}`);
    }
  });

  it("gives headings GitHub's anchors", () => {
    assert.deepEqual(headingSlugs("# A\n## `pidgr serve`\n```\n# not a heading\n```\n### Replay: rebuilding every projection\n## A\n"),
      ["a", "pidgr-serve", "replay-rebuilding-every-projection", "a-1"]);
  });
});
