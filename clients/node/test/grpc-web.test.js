// gRPC-Web over HTTP/1.1, the protocol a browser's Connect-Web client speaks.
import { apiSuite } from "../lib/api-suite.js";

apiSuite("gRPC-Web (HTTP/1.1)");
