// The Connect protocol with JSON over HTTP/1.1: what Connect-Web's default transport and curl speak.
import { apiSuite } from "../lib/api-suite.js";

apiSuite("Connect JSON (HTTP/1.1)");
