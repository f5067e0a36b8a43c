import { Agent, request as httpRequest } from 'node:http';

/** Bounds every request, so a hung service ends the run instead of stalling it. */
const REQUEST_TIMEOUT_MS = 10000;

export type HttpClientKind = 'node:http' | 'fetch';
export const HTTP_CLIENT_KINDS: readonly HttpClientKind[] = ['node:http', 'fetch'];

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** A keep-alive client of one origin that POSTs prepared JSON bodies. */
export interface JsonPoster {
  readonly kind: HttpClientKind;
  post(path: string, body: Buffer): Promise<HttpAnswer>;
  close(): void;
}

export interface PosterSettings {
  readonly origin: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sockets kept open: one per request in flight. */
  readonly maxSockets: number;
}

class NodeHttpPoster implements JsonPoster {
  readonly kind = 'node:http';
  private readonly agent: Agent;
  private readonly url: URL;
  private readonly headers: Record<string, string>;

  constructor(settings: PosterSettings) {
    this.agent = new Agent({ keepAlive: true, maxSockets: settings.maxSockets });
    this.url = new URL(settings.origin);
    this.headers = { 'content-type': 'application/json', ...settings.headers };
  }

  post(path: string, body: Buffer): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: this.url.hostname,
          port: this.url.port,
          path,
          method: 'POST',
          agent: this.agent,
          headers: { ...this.headers, 'content-length': body.length },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error(`no answer to POST ${path} within ${REQUEST_TIMEOUT_MS} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Node 20's built-in fetch (undici), whose global dispatcher keeps connections alive by itself. */
class FetchPoster implements JsonPoster {
  readonly kind = 'fetch';
  private readonly headers: Record<string, string>;

  constructor(private readonly settings: PosterSettings) {
    this.headers = { 'content-type': 'application/json', ...settings.headers };
  }

  async post(path: string, body: Buffer): Promise<HttpAnswer> {
    const response = await fetch(`${this.settings.origin}${path}`, {
      method: 'POST',
      headers: this.headers,
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: response.status, body: await response.text() };
  }

  close(): void {
    // The global dispatcher is shared with the rest of the process; nothing of ours to close.
  }
}

/** Throws on anything but the expected status, with the start of the answer for the report. */
export async function postExpecting(poster: JsonPoster, path: string, body: Buffer, status: number): Promise<string> {
  const answer = await poster.post(path, body);
  if (answer.status !== status) throw new Error(`POST ${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  return answer.body;
}

export function createJsonPoster(kind: HttpClientKind, settings: PosterSettings): JsonPoster {
  return kind === 'node:http' ? new NodeHttpPoster(settings) : new FetchPoster(settings);
}
