// The Connect protocol with binary protobuf over HTTP/1.1 (createConnectTransport with useBinaryFormat).
import { apiSuite } from "../lib/api-suite.js";

apiSuite("Connect binary (HTTP/1.1)");
