import { connect } from 'node:net';
import type { ChannelProbe } from '../../send-deliveries/delivery-channel.port';

const TIMEOUT_MS = 10_000;

/**
 * Asks an HTTP provider whether it is up: a GET of its health URL must answer 2xx. Without a health URL, nothing is
 * requested of it (a request to the URL replies are posted to could be taken for a message): a TCP connection to its
 * host and port must open.
 */
export async function probeHttp(provider: string, target: { readonly url: string; readonly healthUrl?: string }): Promise<ChannelProbe> {
  if (!target.healthUrl) return probeTcp(provider, target.url);
  let response: Response;
  try {
    response = await fetch(target.healthUrl, { method: 'GET', signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.arrayBuffer().catch(() => undefined);
  } catch (failure) {
    const cause = ((failure as Error).cause as Error | undefined)?.message ?? (failure as Error).message;
    throw new Error(`${provider} unreachable: ${cause}`);
  }
  if (!response.ok) throw new Error(`${provider} health check answered ${response.status}`);
  return { configured: true, detail: `GET ${response.status}` };
}

function probeTcp(provider: string, url: string): Promise<ChannelProbe> {
  const { hostname, port, protocol } = new URL(url);
  const address = { host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || (protocol === 'https:' ? 443 : 80)) };
  return new Promise((resolve, reject) => {
    const socket = connect(address);
    socket.setTimeout(TIMEOUT_MS);
    socket.once('connect', () => {
      socket.destroy();
      resolve({ configured: true, detail: `TCP ${address.host}:${address.port} open` });
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`${provider} unreachable: no connection within ${TIMEOUT_MS} ms`));
    });
    socket.once('error', (error) => reject(new Error(`${provider} unreachable: ${error.message}`)));
  });
}
