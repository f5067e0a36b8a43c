import type { ChannelProbe } from '../../send-deliveries/delivery-channel.port';

const TIMEOUT_MS = 10_000;

/**
 * Asks an HTTP provider whether it is up: a GET of its health URL must answer 2xx; without one, a HEAD of the URL
 * replies are posted to must get any answer below 500 (a 404 or 405 still says the server is there).
 */
export async function probeHttp(provider: string, target: { readonly url: string; readonly healthUrl?: string }): Promise<ChannelProbe> {
  const [method, url] = target.healthUrl ? (['GET', target.healthUrl] as const) : (['HEAD', target.url] as const);
  let response: Response;
  try {
    response = await fetch(url, { method, signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.arrayBuffer().catch(() => undefined);
  } catch (failure) {
    const cause = ((failure as Error).cause as Error | undefined)?.message ?? (failure as Error).message;
    throw new Error(`${provider} unreachable: ${cause}`);
  }
  const healthy = target.healthUrl ? response.ok : response.status < 500;
  if (!healthy) throw new Error(`${provider} answered ${method} with ${response.status}`);
  return { configured: true, detail: `${method} ${response.status}` };
}
