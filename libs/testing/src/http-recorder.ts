import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The status it was answered with. */
  readonly status: number;
}

/**
 * A real HTTP server on loopback standing in for a provider (an SMS gateway, a push service, an integrator's
 * callback): it records every request and answers 200 `{"messageId": …}`, or the status it is told to answer with.
 */
export class HttpRecorder {
  readonly requests: RecordedRequest[] = [];
  private answer = 200;
  private server: Server | undefined;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const status = this.answer;
        this.requests.push({
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status,
        });
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(status < 300 ? JSON.stringify({ messageId: `msg-${this.requests.length}` }) : '{"error":"unavailable"}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    if (!this.server) throw new Error('the recorder is not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** From now on answer every request with this status (503 for a provider that is down). */
  answerWith(status: number): void {
    this.answer = status;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
