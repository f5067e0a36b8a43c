import { Agent, request, type IncomingHttpHeaders } from 'node:http';

/** A request exactly as it goes on the wire: any bytes as body, any header a client can send. */
export interface RawRequest {
  readonly method: string;
  /** Path and query, already percent-encoded as the client wants them. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Sends a request with node:http rather than fetch: fetch would refuse or rewrite much of what a fuzzer sends
 * (latin-1 header bytes, bodies on any method, a content-type that does not match the body).
 */
export function send(baseUrl: string, raw: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: raw.method,
        path: raw.path,
        headers: { ...raw.headers, ...(raw.body ? { 'content-length': String(raw.body.length) } : {}) },
        timeout: 30000,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer to ${raw.method} ${raw.path} within 30 s`)));
    outgoing.on('error', reject);
    outgoing.end(raw.body);
  });
}

export function closeConnections(): void {
  agent.destroy();
}
