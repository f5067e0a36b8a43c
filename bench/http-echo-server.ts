/**
 * A server that does nothing but answer, for measuring what the HTTP clients themselves cost:
 * POST answers 201 with a body the size of intake's, GET answers 200 to say it is up.
 * Runs as its own process (dist/bench/http-echo-server.js) so it does not share the client's event loop.
 */
import { createServer } from 'node:http';

const CREATED_BODY = JSON.stringify({
  id: '00000000-0000-4000-8000-000000000000',
  trackingNumber: 'UG20250101000001',
  type: 'complaint',
  channel: 'web-portal',
  status: 'submitted',
  description: '小区门口的路灯坏了一个月，晚上出行很不安全。'.repeat(8),
  submittedAt: new Date(0).toISOString(),
});

const port = Number(process.env.BENCH_ECHO_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error(`BENCH_ECHO_PORT: must be a port number, got "${process.env.BENCH_ECHO_PORT}"`);
  process.exit(1);
}

createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const status = request.method === 'POST' ? 201 : 200;
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(CREATED_BODY) });
    response.end(CREATED_BODY);
  });
}).listen(port, '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
