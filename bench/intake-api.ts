import { createJsonPoster, postExpecting, type HttpClientKind, type JsonPoster } from './http-clients';

/** An integrator key of the development key table; set BENCH_INTEGRATOR_KEY when intake runs with other keys. */
const INTEGRATOR_KEY = process.env.BENCH_INTEGRATOR_KEY ?? 'dev-portal-key';

export function intakeClient(kind: HttpClientKind, origin: string, maxSockets: number): JsonPoster {
  return createJsonPoster(kind, { origin, headers: { authorization: `Bearer ${INTEGRATOR_KEY}` }, maxSockets });
}

/** POST /v1/cases; resolves with the new case's id once intake has committed it (201), throws otherwise. */
export async function submitCase(intake: JsonPoster, body: Buffer): Promise<string> {
  const answer = await postExpecting(intake, '/v1/cases', body, 201);
  return (JSON.parse(answer) as { id: string }).id;
}
