// The compose check passes on the repository's docker-compose.yml and finds each kind of breakage.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, readComposeOptions, readLogVariables } from "../lib/serve-options.mjs";
import { checkCompose } from "../lib/check-compose.mjs";
import { parseImage, readImage } from "../lib/image.mjs";

const compose = readFileSync(join(ROOT, "docker-compose.yml"), "utf8");
const context = {
  options: readComposeOptions(),
  logVariables: readLogVariables(),
  secretsDoc: readFileSync(join(ROOT, "deploy/secrets/README.md"), "utf8"),
  image: readImage(),
};
const QUERY = "  query:\n    image: *pidgr-image\n";

/** The problems of the file with `from` replaced by `to` (which must occur in it). */
function problemsWith(from, to) {
  assert.ok(compose.includes(from), `docker-compose.yml no longer contains ${JSON.stringify(from)}: update this test`);
  return checkCompose(compose.replace(from, to), context);
}

function assertFinds(problems, expected) {
  assert.ok(problems.some((p) => p.includes(expected)), `expected a problem containing ${JSON.stringify(expected)}, got ${JSON.stringify(problems, null, 2)}`);
}

describe("docker-compose.yml check", () => {
  it("finds nothing wrong with the repository's file", () => {
    assert.deepEqual(checkCompose(compose, context), []);
  });

  it("refuses a file that is not YAML", () => {
    assertFinds(checkCompose("services:\n  api: [\n", context), "not valid YAML");
  });

  it("refuses a service without image or build", () => {
    assertFinds(problemsWith("  command:\n    image: *pidgr-image\n", "  command:\n"), "service command: has neither image nor build");
  });

  it("refuses a PIDGR_ variable that serve does not read", () => {
    assertFinds(problemsWith("PIDGR_ROLES: query", "PIDGR_ROLE: query"), "service query: sets PIDGR_ROLE, which pidgr serve does not read");
  });

  it("refuses a value of the wrong type", () => {
    assertFinds(problemsWith("PIDGR_GRPC_PORT: 9090", "PIDGR_GRPC_PORT: 9O90"), "PIDGR_GRPC_PORT must be a whole number");
  });

  it("refuses a role without a setting it requires", () => {
    assertFinds(problemsWith("      PIDGR_WEBHOOK_SECRET_FILE: /run/secrets/webhook-secret\n", ""),
      "service workflow: PIDGR_WEBHOOK_SECRET_FILE is required for workflow");
  });

  it("refuses a replication factor larger than the number of brokers", () => {
    assertFinds(problemsWith("      PIDGR_ROLES: command\n      PIDGR_KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      PIDGR_REPLICATION_FACTOR: 1",
      "      PIDGR_ROLES: command\n      PIDGR_KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      PIDGR_REPLICATION_FACTOR: 3"),
    "service command: PIDGR_REPLICATION_FACTOR 3 needs 3 brokers; this file has 1");
  });

  it("refuses a Kafka address the broker does not advertise", () => {
    assertFinds(problemsWith("      PIDGR_ROLES: workflow\n      PIDGR_KAFKA_BOOTSTRAP_SERVERS: kafka:9092",
      "      PIDGR_ROLES: workflow\n      PIDGR_KAFKA_BOOTSTRAP_SERVERS: kafka:9093"), "service workflow: PIDGR_KAFKA_BOOTSTRAP_SERVERS names kafka:9093, which kafka does not advertise");
  });

  it("refuses Kafka Streams state outside a volume", () => {
    assertFinds(problemsWith("      PIDGR_ROLES: command\n      PIDGR_KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      PIDGR_REPLICATION_FACTOR: 1\n      PIDGR_STATE_DIR: /var/lib/pidgr/state\n",
      "      PIDGR_ROLES: command\n      PIDGR_KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      PIDGR_REPLICATION_FACTOR: 1\n"),
    "service command: PIDGR_STATE_DIR pidgr-state is not on a named volume");
  });

  it("refuses a secret file that deploy/secrets/README.md does not document", () => {
    assertFinds(problemsWith("file: ./deploy/secrets/webhook-secret", "file: ./deploy/secrets/webhook-key"),
      "secret file deploy/secrets/webhook-key is not documented");
  });

  it("refuses reading a secret the service does not mount", () => {
    assertFinds(problemsWith("    secrets:\n      - webhook-secret\n", ""),
      "service workflow: reads /run/secrets/webhook-secret but does not mount the secret webhook-secret");
  });

  it("refuses a database password file that is not the database's secret", () => {
    assertFinds(problemsWith("      PIDGR_JDBC_PASSWORD_FILE: /run/secrets/postgres-password\n      PIDGR_LOG_LEVEL: INFO\n    secrets:\n      - postgres-password\n",
      "      PIDGR_JDBC_PASSWORD_FILE: /run/secrets/other-password\n      PIDGR_LOG_LEVEL: INFO\n    secrets:\n      - postgres-password\n"),
    "service query: PIDGR_JDBC_PASSWORD_FILE must be /run/secrets/postgres-password, postgres's password");
  });

  it("refuses a database role without the database's password", () => {
    assertFinds(problemsWith("      PIDGR_JDBC_PASSWORD_FILE: /run/secrets/postgres-password\n      PIDGR_LOG_LEVEL: INFO\n", "      PIDGR_LOG_LEVEL: INFO\n"),
      "service query: PIDGR_JDBC_PASSWORD_FILE must be /run/secrets/postgres-password");
  });

  it("refuses a password given as a value, and both forms at once", () => {
    assertFinds(problemsWith("      PIDGR_JDBC_USER: pidgr\n      PIDGR_JDBC_PASSWORD_FILE:", "      PIDGR_JDBC_USER: pidgr\n      PIDGR_JDBC_PASSWORD: hunter2\n      PIDGR_JDBC_PASSWORD_FILE:"),
      "service query: sets both PIDGR_JDBC_PASSWORD and PIDGR_JDBC_PASSWORD_FILE, which serve refuses");
    assertFinds(problemsWith("      PIDGR_JDBC_PASSWORD_FILE: /run/secrets/postgres-password\n      PIDGR_LOG_LEVEL: INFO\n",
      "      PIDGR_JDBC_PASSWORD: hunter2\n      PIDGR_LOG_LEVEL: INFO\n"),
    "service query: sets PIDGR_JDBC_PASSWORD, which puts the password in this file or the container's environment");
  });

  it("refuses a shell wrapper in place of the image's entry point", () => {
    const problems = problemsWith(QUERY, QUERY + "    entrypoint:\n      - sh\n      - -c\n"
      + '      - PIDGR_JDBC_PASSWORD="$$(cat /run/secrets/postgres-password)" exec java -cp @/app/jib-classpath-file'
      + " dev.pidgr.app.Main serve\n");
    assertFinds(problems, "service query: must not set entrypoint: the image's entry point runs java itself with serve");
    assertFinds(problems, "service query: sets both PIDGR_JDBC_PASSWORD and PIDGR_JDBC_PASSWORD_FILE");
  });

  it("refuses a command that runs the app another way than the image's serve", () => {
    assertFinds(problemsWith(QUERY, QUERY + "    command: [java, -jar, /app/pidgr.jar, serve]\n"),
      "service query: command may only add serve options");
  });

  it("accepts serve options as the command", () => {
    assert.deepEqual(problemsWith(QUERY, QUERY + "    command: [--roles, query]\n"), []);
  });

  it("refuses a single $, which Compose would take for a variable", () => {
    assertFinds(problemsWith('"curl -fsS http://localhost:9464/ready"', '"curl -fsS http://$(hostname):9464/ready"'),
      "Compose reads $ as the start of a variable");
  });

  it("refuses a setting that none of the service's roles reads", () => {
    assertFinds(problemsWith("      PIDGR_ROLES: query\n", "      PIDGR_ROLES: query\n      PIDGR_PAGE_TOKEN_KEY_FILE: /run/secrets/page-token-key\n"),
      "service query: sets PIDGR_PAGE_TOKEN_KEY_FILE, which only the api role reads; this service runs query");
  });

  it("refuses a gateway setting on a service without the gateway role", () => {
    assertFinds(problemsWith("      PIDGR_ROLES: query\n", "      PIDGR_ROLES: query\n      PIDGR_SMTP_HOST: smtp.example.com\n"),
      "service query: sets PIDGR_SMTP_HOST, which only the gateway role reads; this service runs query");
  });

  it("reads the gateway's settings with their types", () => {
    assertFinds(problemsWith("      PIDGR_SMTP_PORT: 587\n", "      PIDGR_SMTP_PORT: submission\n"),
      'service gateway: PIDGR_SMTP_PORT must be a whole number, not "submission"');
  });

  it("refuses a gateway that no service runs", () => {
    assertFinds(problemsWith("PIDGR_ROLES: gateway", "PIDGR_ROLES: workflow"), "no service runs the gateway role");
  });

  it("refuses a role list that serve would refuse", () => {
    assertFinds(problemsWith("PIDGR_ROLES: workflow", "PIDGR_ROLES: workflow,all"), 'service workflow: PIDGR_ROLES names the unknown role "all"');
  });

  it("refuses a JWKS without issuer and audience", () => {
    assertFinds(problemsWith("      PIDGR_JWT_HS256_SECRET_FILE: /run/secrets/jwt-hs256-secret\n", "      PIDGR_JWKS: https://idp.example.com/jwks.json\n"),
      "service api: PIDGR_JWKS needs PIDGR_JWT_ISSUER and PIDGR_JWT_AUDIENCE");
  });

  it("refuses a healthcheck that says healthy before the roles are ready", () => {
    assertFinds(problemsWith('"curl -fsS http://localhost:9464/ready"', '"curl -fsS -o /dev/null http://localhost:9464/metrics"'),
      "service query: healthcheck must ask GET http://localhost:9464/ready (healthy only once its roles are ready)");
  });

  it("refuses asking /ready with a curl that ignores HTTP errors", () => {
    assertFinds(problemsWith('"curl -fsS http://localhost:9464/ready"', '"curl -sS http://localhost:9464/ready"'),
      "service command: healthcheck must call curl with -f (--fail)");
  });

  it("accepts /ready with the flags spelled apart or long", () => {
    assert.deepEqual(problemsWith('"curl -fsS http://localhost:9464/ready"', '"curl --max-time 4 -s --fail http://localhost:9464/ready"'), []);
    assert.deepEqual(problemsWith('"curl -fsS http://localhost:9464/ready"', '"curl -s -S -f http://localhost:9464/ready"'), []);
  });

  it("accepts /ready as the api's healthcheck too", () => {
    const withReady = compose.replace(/( {2}api:\n[\s\S]*?)( {4}healthcheck:\n(?: {6}.*\n)+)/, "$1    healthcheck: *ready-healthcheck\n");
    assert.notEqual(withReady, compose);
    assert.deepEqual(checkCompose(withReady, context), []);
  });

  it("refuses a pidgr service without a healthcheck", () => {
    const problems = problemsWith("    healthcheck: *ready-healthcheck\n", "");
    assertFinds(problems, "service query: has no healthcheck: give it GET http://localhost:9464/ready");
    assertFinds(problems, "service api: waits for query to be healthy, but query has no healthcheck");
  });

  it("refuses curl in a healthcheck when the image's base does not add curl", () => {
    const withoutCurl = { ...context, image: { ...context.image, basePackages: [] } };
    assertFinds(checkCompose(compose, withoutCurl),
      "service query: healthcheck uses curl, which pidgr's image does not have");
  });

  it("refuses a plain-HTTP gRPC health check on a TLS port", () => {
    assertFinds(problemsWith("      PIDGR_GRPC_PORT: 9090\n", "      PIDGR_GRPC_PORT: 9090\n      PIDGR_TLS_CERT: /run/secrets/tls-cert\n      PIDGR_TLS_KEY: /run/secrets/tls-key\n"),
      "service api: healthcheck calls http://localhost:9090, but with PIDGR_TLS_CERT the gRPC port serves TLS only");
  });

  it("refuses a published port the service does not listen on", () => {
    assertFinds(problemsWith('"9090:9090"', '"9090:9091"'), "service api: publishes port 9091, but it listens on");
  });

  it("refuses a healthcheck on a port the service does not listen on", () => {
    assertFinds(problemsWith("http://localhost:9090/grpc.health.v1.Health/Check", "http://localhost:9091/grpc.health.v1.Health/Check"),
      "service api: healthcheck calls port 9091");
  });

  it("refuses a dependency on a service that does not exist", () => {
    assertFinds(problemsWith("      query:\n        condition: service_healthy", "      queries:\n        condition: service_healthy"),
      "service api: depends on queries, which is not a service");
  });

  it("refuses a healthcheck without a test", () => {
    assertFinds(problemsWith('      test: ["CMD-SHELL", "pg_isready -U pidgr -d pidgr"]\n', ""), "service postgres: healthcheck test must be");
  });

  it("refuses waiting for the health of a service without a healthcheck", () => {
    const withoutKafkaHealthcheck = compose.replace(/( {2}kafka:\n[\s\S]*?)( {4}healthcheck:\n(?: {6}.*\n)+)/, "$1");
    assert.notEqual(withoutKafkaHealthcheck, compose);
    assertFinds(checkCompose(withoutKafkaHealthcheck, context), "service query: waits for kafka to be healthy, but kafka has no healthcheck");
  });

  it("refuses a role that no service runs", () => {
    assertFinds(problemsWith("PIDGR_ROLES: workflow", "PIDGR_ROLES: command"), "no service runs the workflow role");
  });

  it("refuses the app mounted from the host", () => {
    assertFinds(problemsWith(QUERY, QUERY + "    volumes:\n      - ./app/target/pidgr.jar:/app/pidgr.jar:ro\n"),
      "service query: mounts ./app/target/pidgr.jar:/app/pidgr.jar:ro: the image carries the app");
  });

  it("refuses an image other than pidgr's", () => {
    assertFinds(problemsWith("x-pidgr-image: &pidgr-image ${PIDGR_IMAGE:-pidgr:latest}", "x-pidgr-image: &pidgr-image eclipse-temurin:21-jre"),
      "service query: image must be pidgr's, pidgr:latest (app/pom.xml's pidgr.image)");
  });

  it("accepts pidgr's image named without the PIDGR_IMAGE override", () => {
    assert.deepEqual(problemsWith("x-pidgr-image: &pidgr-image ${PIDGR_IMAGE:-pidgr:latest}", "x-pidgr-image: &pidgr-image pidgr:latest"), []);
  });

  it("reads the image's name from app/pom.xml and its base's packages from build-base.sh", () => {
    assert.equal(context.image.reference, "pidgr:latest");
    assert.ok(context.image.basePackages.includes("curl"), JSON.stringify(context.image.basePackages));
    assert.deepEqual(parseImage("<pidgr.image>registry.example.com/pidgr:1.0</pidgr.image>", "mmdebstrap --include=curl,jq x"),
      { reference: "registry.example.com/pidgr:1.0", basePackages: ["curl", "jq"] });
  });
});
