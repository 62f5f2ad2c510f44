// A pidgr service's ports and healthcheck: it publishes and probes only ports it listens on, and it
// is healthy only once its roles are ready (GET /ready on the metrics port, or for the api the gRPC
// health service on its port), with tools its image has.
import { containerPort, imageReference, list } from "./compose-model.mjs";

export function checkListeningPorts(service, roles, value, image, report) {
  const metricsPort = String(value("PIDGR_METRICS_PORT"));
  const grpcPort = String(value("PIDGR_GRPC_PORT"));
  const listening = new Set([metricsPort]);
  if (roles.includes("api")) {
    listening.add(grpcPort);
  }
  for (const port of list(service.ports).map(containerPort)) {
    if (!listening.has(port)) {
      report(`publishes port ${port}, but it listens on ${[...listening].join(" and ")}`);
    }
  }
  if (service.healthcheck === undefined) {
    report(`has no healthcheck: give it GET http://localhost:${metricsPort}/ready (curl -f)`);
    return;
  }
  const test = JSON.stringify(service.healthcheck?.test ?? "");
  for (const [, port] of test.matchAll(/localhost:(\d+)/g)) {
    if (!listening.has(port)) {
      report(`healthcheck calls port ${port}, but it listens on ${[...listening].join(" and ")}`);
    }
  }
  checkReadinessProbe(test, roles, metricsPort, grpcPort, value, report);
  checkProbeTools(service, test, image, report);
}

/**
 * Healthy must mean ready: /ready answers 503 until every role is ready, which only fails a curl
 * that treats HTTP errors as failures (-f). /metrics, or a port that merely accepts connections,
 * answers as soon as the process started.
 */
function checkReadinessProbe(test, roles, metricsPort, grpcPort, value, report) {
  const asksReady = test.includes(`localhost:${metricsPort}/ready`);
  const asksGrpcHealth = roles.includes("api") && test.includes(`localhost:${grpcPort}/grpc.health.v1.Health/Check`);
  if (!asksReady && !asksGrpcHealth) {
    report(roles.includes("api")
      ? `healthcheck must ask GET http://localhost:${metricsPort}/ready or grpc.health.v1.Health/Check on port ${grpcPort}`
      : `healthcheck must ask GET http://localhost:${metricsPort}/ready (healthy only once its roles are ready)`);
  }
  const curlArguments = test.match(/\bcurl\b([^|;&"]*)/)?.[1] ?? "";
  if (asksReady && /\bcurl\b/.test(test) && !/(?:^|\s)(?:-[A-Za-z]*f[A-Za-z]*|--fail\b\S*)(?=\s|$)/.test(curlArguments)) {
    report("healthcheck must call curl with -f (--fail): without it a 503 from /ready still counts as healthy");
  }
  if (asksGrpcHealth && value("PIDGR_TLS_CERT") && test.includes(`http://localhost:${grpcPort}/`)) {
    report(`healthcheck calls http://localhost:${grpcPort}, but with PIDGR_TLS_CERT the gRPC port serves TLS only (https, curl -k)`);
  }
}

/** pidgr's image has the Debian packages its base adds (deploy/image/build-base.sh --include), no more. */
function checkProbeTools(service, test, image, report) {
  if (imageReference(service) === image.reference && /\bcurl\b/.test(test) && !image.basePackages.includes("curl")) {
    report("healthcheck uses curl, which pidgr's image does not have (deploy/image/build-base.sh does not --include it)");
  }
}
