import type { ServiceName } from '@ugov/contracts';
import type { ServiceStack } from '@ugov/testing';

export const KEYS = {
  portal: 'dev-portal-key',
  hotline: 'dev-hotline-key',
  supervisor: 'dev-supervisor-key',
  reviewer: 'dev-reviewer-key',
  department: (code: string) => `dev-${code}-key`,
};

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly contentType: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Calls a service of the stack as an integrator, a department or oversight staff would. */
export async function call<T = any>(
  stack: ServiceStack,
  service: ServiceName,
  method: 'GET' | 'POST',
  path: string,
  key: string | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const raw = body === undefined || typeof body === 'string' || body instanceof Uint8Array;
  const response = await fetch(`${stack.url(service)}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: raw ? (body as string | Uint8Array | undefined) : JSON.stringify(body),
  });
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  return {
    status: response.status,
    body: contentType.includes('json') && text ? JSON.parse(text) : text,
    contentType,
    headers: Object.fromEntries(response.headers),
  };
}

let requesters = 0;

/**
 * A complaint from a requester of its own (the phones differ in the middle, so every one masks as 137****1234): a test
 * that sends similar texts means separate cases, not one requester's repeat that dispatch would link (并单).
 */
export const complaint = (description: string, extra: Record<string, unknown> = {}) => ({
  type: 'complaint',
  channel: 'web-portal',
  description,
  requester: { name: '王五', phone: `137${String(requesters++ % 10_000).padStart(4, '0')}1234` },
  ...extra,
});

/** Submits complaint(description, extra) to intake as the portal and returns intake's 201 answer (anything else throws). */
export async function submitComplaint(stack: ServiceStack, description: string, extra: Record<string, unknown> = {}): Promise<ApiResponse> {
  const submitted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint(description, extra));
  if (submitted.status !== 201) throw new Error(`intake answered ${submitted.status} to a complaint: ${JSON.stringify(submitted.body)}`);
  return submitted;
}
