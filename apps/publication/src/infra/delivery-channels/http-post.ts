const TIMEOUT_MS = 10_000;

/**
 * POSTs JSON to a provider and resolves with its receipt (the message id it answers, or its status); a non-2xx
 * answer or a network failure throws, naming the provider and the status, never the recipient.
 */
export async function postJson(provider: string, url: string, headers: Record<string, string>, body: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (failure) {
    const cause = ((failure as Error).cause as Error | undefined)?.message ?? (failure as Error).message;
    throw new Error(`${provider} unreachable: ${cause}`);
  }
  const answer = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`${provider} answered ${response.status}`);
  try {
    const parsed = JSON.parse(answer) as { messageId?: unknown; id?: unknown };
    const id = parsed.messageId ?? parsed.id;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  } catch {
    // A receipt that is not JSON: the status is the receipt.
  }
  return `http-${response.status}`;
}
