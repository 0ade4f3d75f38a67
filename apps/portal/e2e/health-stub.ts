import { createServer } from "node:http";

// Stands in for the apps' /api/health and the emulators' health checks; /hang… never answers.
const port = Number(process.argv[2]);
createServer((req, res) => {
  if (req.url?.startsWith("/hang")) return;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ ok: true }));
}).listen(port, "127.0.0.1");
