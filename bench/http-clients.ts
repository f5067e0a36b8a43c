import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';

/** Bounds every request, so a hung service ends the run instead of stalling it. */
const REQUEST_TIMEOUT_MS = 10000;

/**
 * A keep-alive connection idle longer than this is closed rather than used again: Fastify closes one after 72 s
 * (keepAliveTimeout), and a request written to a connection just as the server closes it fails without an answer.
 */
const MAX_IDLE_MS = 30000;

export type HttpClientKind = 'node:http' | 'fetch' | 'raw socket';
export const HTTP_CLIENT_KINDS: readonly HttpClientKind[] = ['node:http', 'fetch', 'raw socket'];

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

/** One keep-alive connection that carries one request at a time. */
class RawConnection {
  private received: Buffer = Buffer.alloc(0);
  private pending: { resolve: (answer: HttpAnswer) => void; reject: (error: Error) => void } | undefined;
  readonly socket: Socket;
  broken = false;
  /** When the connection last finished a request (performance.now()). */
  idleSince = 0;

  constructor(host: string, port: number) {
    this.socket = connect(port, host);
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    const fail = (error: Error) => {
      this.broken = true;
      this.pending?.reject(error);
      this.pending = undefined;
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('the connection was closed')));
  }

  send(request: Buffer): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  /** Status line, headers up to the blank line, then Content-Length bytes of body (what Fastify sends). */
  private read(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const headerEnd = this.received.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const head = this.received.toString('latin1', 0, headerEnd);
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
    if (Number.isNaN(length)) {
      this.socket.destroy(new Error(`an answer without Content-Length: ${head.slice(0, 200)}`));
      return;
    }
    if (this.received.length < headerEnd + 4 + length) return;
    const body = this.received.toString('utf8', headerEnd + 4, headerEnd + 4 + length);
    this.received = this.received.subarray(headerEnd + 4 + length);
    if (/\r\nconnection:\s*close/i.test(head)) this.broken = true;
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ status: Number(head.slice(9, 12)), body });
  }
}

/**
 * HTTP/1.1 written and read by hand over keep-alive sockets: the request's bytes are made once, the answer's
 * status and body are all that is read. A load generator, not a general client: it costs the machine a fraction
 * of what node:http does, so more of the machine is left to the service it drives.
 */
class RawSocketPoster implements JsonPoster {
  readonly kind = 'raw socket';
  private readonly idle: RawConnection[] = [];
  private readonly all = new Set<RawConnection>();
  private readonly waiting: ((connection: RawConnection) => void)[] = [];
  private readonly url: URL;
  private readonly head: string;

  constructor(private readonly settings: PosterSettings) {
    this.url = new URL(settings.origin);
    const headers = { host: this.url.host, 'content-type': 'application/json', ...settings.headers };
    this.head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
  }

  async post(path: string, body: Buffer): Promise<HttpAnswer> {
    const connection = await this.connection();
    const request = Buffer.concat([
      Buffer.from(`POST ${path} HTTP/1.1\r\n${this.head}content-length: ${body.length}\r\n\r\n`, 'latin1'),
      body,
    ]);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        connection.send(request),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            // Marked before release() sees it: the socket's 'close' comes later, and the next request must not get it.
            connection.broken = true;
            connection.socket.destroy();
            reject(new Error(`no answer to POST ${path} within ${REQUEST_TIMEOUT_MS} ms`));
          }, REQUEST_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      this.release(connection);
    }
  }

  close(): void {
    for (const connection of this.all) connection.socket.destroy();
  }

  private connection(): Promise<RawConnection> {
    // The most recently used first; one that the server closed, or may be about to close, is dropped.
    for (let idle = this.idle.pop(); idle; idle = this.idle.pop()) {
      if (!idle.broken && performance.now() - idle.idleSince < MAX_IDLE_MS) return Promise.resolve(idle);
      this.all.delete(idle);
      idle.socket.destroy();
    }
    if (this.all.size < this.settings.maxSockets) {
      const connection = new RawConnection(this.url.hostname, Number(this.url.port));
      this.all.add(connection);
      return Promise.resolve(connection);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(connection: RawConnection): void {
    if (connection.broken) {
      this.all.delete(connection);
      connection.socket.destroy();
      // A waiter gets a fresh connection instead.
      const next = this.waiting.shift();
      if (next) void this.connection().then(next);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(connection);
    else {
      connection.idleSince = performance.now();
      this.idle.push(connection);
    }
  }
}

/** Throws on anything but the expected status, with the start of the answer for the report. */
export async function postExpecting(poster: JsonPoster, path: string, body: Buffer, status: number): Promise<string> {
  const answer = await poster.post(path, body);
  if (answer.status !== status) throw new Error(`POST ${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  return answer.body;
}

export function createJsonPoster(kind: HttpClientKind, settings: PosterSettings): JsonPoster {
  if (kind === 'raw socket') return new RawSocketPoster(settings);
  return kind === 'node:http' ? new NodeHttpPoster(settings) : new FetchPoster(settings);
}
