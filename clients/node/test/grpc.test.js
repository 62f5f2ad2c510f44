// Native gRPC over cleartext HTTP/2 (h2c), as a backend service would call pidgr.
import { apiSuite } from "../lib/api-suite.js";

apiSuite("gRPC (HTTP/2)");
