// How a pidgr service reaches Kafka and PostgreSQL: addresses that the broker advertises and the
// database answers on, with the same database, user and password, and waiting for them to be healthy.
import { dependsOn, environment, isKafka } from "./compose-model.mjs";

export function checkKafka(service, services, value, report) {
  const brokers = Object.values(services).filter(isKafka);
  const replication = Number(value("PIDGR_REPLICATION_FACTOR"));
  if (replication > brokers.length) {
    report(`PIDGR_REPLICATION_FACTOR ${replication} needs ${replication} brokers; this file has ${brokers.length}`);
  }
  for (const address of String(value("PIDGR_KAFKA_BOOTSTRAP_SERVERS") ?? "").split(",").filter(Boolean)) {
    const [host] = address.trim().split(":");
    const kafka = services[host];
    if (!kafka || !isKafka(kafka)) {
      report(`PIDGR_KAFKA_BOOTSTRAP_SERVERS names ${address}, but ${host} is not a Kafka service`);
      continue;
    }
    const advertised = String(environment(kafka).KAFKA_ADVERTISED_LISTENERS ?? "");
    if (!advertised.split(",").some((l) => l.trim().endsWith(`//${address.trim()}`))) {
      report(`PIDGR_KAFKA_BOOTSTRAP_SERVERS names ${address}, which ${host} does not advertise (${advertised})`);
    }
    requireHealthy(service, host, report);
  }
}

export function checkPostgres(service, services, value, report) {
  const url = value("PIDGR_JDBC_URL");
  if (!url) {
    return;
  }
  const match = String(url).match(/^jdbc:postgresql:\/\/([^:/]+)(?::(\d+))?\/([^?]+)/);
  if (!match) {
    report(`PIDGR_JDBC_URL is not a jdbc:postgresql://host:port/database URL: ${url}`);
    return;
  }
  const [, host, port = "5432", database] = match;
  const postgres = services[host];
  if (!postgres || !String(postgres.image ?? "").startsWith("postgres:")) {
    report(`PIDGR_JDBC_URL names ${host}, which is not a PostgreSQL service`);
    return;
  }
  const pgEnv = environment(postgres);
  if (port !== "5432") {
    report(`PIDGR_JDBC_URL uses port ${port}; PostgreSQL listens on 5432 inside the network`);
  }
  if (database !== (pgEnv.POSTGRES_DB ?? pgEnv.POSTGRES_USER ?? "postgres")) {
    report(`PIDGR_JDBC_URL names the database ${database}, but ${host} creates ${pgEnv.POSTGRES_DB}`);
  }
  if (value("PIDGR_JDBC_USER") !== (pgEnv.POSTGRES_USER ?? "postgres")) {
    report(`PIDGR_JDBC_USER ${value("PIDGR_JDBC_USER")} is not ${host}'s POSTGRES_USER ${pgEnv.POSTGRES_USER}`);
  }
  const passwordSecret = String(pgEnv.POSTGRES_PASSWORD_FILE ?? "").match(/^\/run\/secrets\/(.+)$/)?.[1];
  if (passwordSecret && value("PIDGR_JDBC_PASSWORD_FILE") !== `/run/secrets/${passwordSecret}`) {
    report(`PIDGR_JDBC_PASSWORD_FILE must be /run/secrets/${passwordSecret}, ${host}'s password (POSTGRES_PASSWORD_FILE)`);
  }
  requireHealthy(service, host, report);
}

function requireHealthy(service, dependency, report) {
  if (dependsOn(service)[dependency] !== "service_healthy") {
    report(`must depend on ${dependency} with condition service_healthy`);
  }
}
