import { connect, createServer, type Server, type Socket } from 'node:net';

type ProxyState = 'forwarding' | 'cut' | 'frozen';

/**
 * A TCP proxy in front of a server (PostgreSQL, say), so a test can take the server away from one process
 * without stopping it for everyone else: cut() drops every connection and refuses new ones, as when the
 * server goes down; freeze() keeps connections open but lets nothing through, as when it hangs; restore()
 * forwards again.
 */
export class TcpProxy {
  private state: ProxyState = 'forwarding';
  private readonly connections = new Set<{ client: Socket; server: Socket }>();

  private readonly server: Server;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetHost, targetPort);
    await new Promise<void>((resolve, reject) => proxy.server.once('error', reject).listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('the proxy is not listening');
    return address.port;
  }

  /** The same URL with this proxy as its host and port. */
  urlThrough(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  cut(): void {
    this.state = 'cut';
    for (const { client, server } of this.connections) {
      client.destroy();
      server.destroy();
    }
    this.connections.clear();
  }

  freeze(): void {
    this.state = 'frozen';
    for (const { client, server } of this.connections) {
      client.unpipe(server).pause();
      server.unpipe(client).pause();
    }
  }

  restore(): void {
    this.state = 'forwarding';
    for (const { client, server } of this.connections) {
      client.pipe(server);
      server.pipe(client);
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.state === 'cut') {
      client.destroy();
      return;
    }
    const server = connect(this.targetPort, this.targetHost);
    const connection = { client, server };
    this.connections.add(connection);
    const end = () => {
      this.connections.delete(connection);
      client.destroy();
      server.destroy();
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
    if (this.state === 'frozen') return;
    client.pipe(server);
    server.pipe(client);
  }
}
