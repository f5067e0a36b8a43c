/**
 * `npm run demo` (with `npm run stack:up` done): real citizen messages shipped in scripts/demo/data travel the
 * U-loop. Each is submitted to intake, dispatched, signed for and answered with the government's real
 * reply by its department (delivered when publication has a provider), and its timeline is printed as supervision saw it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot, waitFor } from '@ugov/testing';

interface BoardMessage {
  readonly id: string;
  readonly subject: string;
  readonly text: string;
  readonly reply: string;
}

const DEFAULT_PORTS = { intake: 3001, processing: 3003, supervision: 3005 };
type Service = keyof typeof DEFAULT_PORTS;
const baseUrl = (service: Service) => `http://127.0.0.1:${process.env[`${service.toUpperCase()}_PORT`] ?? DEFAULT_PORTS[service]}`;

const PORTAL_KEY = process.env.DEMO_INTEGRATOR_KEY ?? 'dev-portal-key';
const SUPERVISOR_KEY = process.env.DEMO_SUPERVISOR_KEY ?? 'dev-supervisor-key';
const OPEN311_KEY = process.env.DEMO_OPEN311_KEY ?? 'dev-open311-key';
const departmentKey = (code: string) => `dev-${code}-key`;
/** Each channel with what it must carry (the hotline's agent and call, the SMS gateway's message id, the mail's id). */
const CHANNELS: [string, (index: number) => object][] = [
  ['web-portal', () => ({})],
  ['hotline-12345', (index) => ({ hotline: { agentId: 'A0217', callId: `demo-call-${index}` } })],
  ['sms', (index) => ({ sms: { gatewayMessageId: `demo-sms-${index}` } })],
  ['mobile-app', () => ({})],
  ['wechat', () => ({})],
  ['email', (index) => ({ email: { messageId: `<demo-${index}@mail.example.cn>` } })],
];
const REGIONS: Record<string, string> = { A1区: '430102', A2区: '430103', A3区: '430104' };

function sampleMessages(count: number): BoardMessage[] {
  // Shipped with the repository (see scripts/demo/data/README.md), so the demo runs on a fresh clone.
  return readFileSync(resolve(repoRoot, 'scripts/demo/data/messages.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, count)
    .map((line) => JSON.parse(line) as BoardMessage);
}

function typeOf(subject: string): string {
  if (subject.includes('建议')) return 'suggestion';
  if (/咨询|吗？|吗\?/.test(subject)) return 'consultation';
  return 'complaint';
}

async function call(service: Service, method: string, path: string, key: string, body?: unknown): Promise<any> {
  const response = await fetch(`${baseUrl(service)}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const payload = await response.json();
  if (!response.ok && response.status !== 404) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(payload)}`);
  return response.ok ? payload : undefined;
}

async function timeline(caseId: string, hops: number): Promise<any> {
  return waitFor(`the timeline of ${caseId}`, async () => {
    const found = await call('supervision', 'GET', `/v1/cases/${caseId}/timeline`, SUPERVISOR_KEY);
    return found && found.hops.length >= hops ? found : undefined;
  });
}

async function carry(message: BoardMessage, index: number): Promise<void> {
  const region = Object.keys(REGIONS).find((name) => message.subject.includes(name) || message.text.includes(name));
  const submitted = await call('intake', 'POST', '/v1/cases', PORTAL_KEY, {
    type: typeOf(message.subject),
    channel: CHANNELS[index % CHANNELS.length][0],
    ...CHANNELS[index % CHANNELS.length][1](index),
    description: `${message.subject}。${message.text}`.slice(0, 5000),
    requester: { name: '市民' + '甲乙丙丁戊己'[index % 6], phone: `1380000${String(1000 + index).padStart(4, '0')}` },
    location: region ? { regionCode: REGIONS[region] } : undefined,
  });
  console.log(`\n● ${submitted.trackingNumber}  ${message.subject}`);
  console.log(
    `  case ${submitted.id}, ${submitted.type} via ${submitted.channel}, requester shown as ${submitted.requester.name} ${submitted.requester.phone}`,
  );

  const dispatched = await timeline(submitted.id, 2);
  const decision = dispatched.hops[1];
  if (decision.type.endsWith('case-triaged.v1')) {
    console.log(`  → manual triage (人工分拨): ${decision.details.reason}`);
  } else {
    const { departmentCode, assignmentId, deadline } = decision.details;
    console.log(`  → assigned to ${departmentCode}, reply due ${deadline}`);
    await waitFor(`assignment ${assignmentId}`, async () => {
      const open = await call('processing', 'GET', `/v1/departments/${departmentCode}/assignments`, departmentKey(departmentCode));
      return open.some((assignment: { id: string }) => assignment.id === assignmentId);
    });
    await call('processing', 'POST', `/v1/assignments/${assignmentId}/sign`, departmentKey(departmentCode));
    await call('processing', 'POST', `/v1/assignments/${assignmentId}/reply`, departmentKey(departmentCode), {
      text: message.reply.slice(0, 5000),
      outcome: 'explained',
    });
    console.log(`  → ${departmentCode} signed for it and replied: ${message.reply.slice(0, 60)}…`);
  }
  // Up to the reply: its delivery follows once publication has a provider for the case's channel (README, "Delivery to the requester").
  const final = await timeline(submitted.id, decision.type.endsWith('case-triaged.v1') ? 2 : 4);
  console.log('  timeline:');
  for (const hop of final.hops) {
    console.log(`    ${hop.occurredAt}  ${hop.service.padEnd(11)} ${hop.type}`);
  }
}

/** The same intake as an Open311 (GeoReport v2) client sees it: a form-encoded POST with api_key, then the request read back. */
async function open311(message: BoardMessage): Promise<void> {
  const base = `${baseUrl('intake')}/open311/v2`;
  const form = new URLSearchParams({
    api_key: OPEN311_KEY,
    service_code: 'urban.municipal-facilities',
    'attribute[FACILITY]': 'road',
    address_string: 'A市A3区潇楚南路',
    description: `${message.subject}。${message.text}`.slice(0, 4000),
    first_name: '市民',
    phone: '13800009999',
  });
  const response = await fetch(`${base}/requests.json`, { method: 'POST', body: form });
  const created = (await response.json()) as { service_request_id?: string }[];
  if (!response.ok) throw new Error(`POST /open311/v2/requests.json: ${response.status} ${JSON.stringify(created)}`);
  const id = created[0].service_request_id!;
  const [request] = (await (await fetch(`${base}/requests/${id}.json?api_key=${OPEN311_KEY}`)).json()) as {
    status: string;
    service_name: string;
  }[];
  console.log(`\n● Open311: POST /open311/v2/requests.json → ${id}; GET requests/${id}.json → ${request.status} (${request.service_name})`);
}

async function main(): Promise<void> {
  const count = Number(process.env.DEMO_CASES ?? 6);
  const messages = sampleMessages(count + 1);
  for (const [index, message] of messages.slice(0, count).entries()) await carry(message, index);
  await open311(messages[count] ?? messages[0]);
  console.log('\nEvery case above went through five services over Kafka; its hops come from supervision.');
}

main().catch((error: Error) => {
  console.error(`demo failed: ${error.message}\n(is the platform up? run: npm run stack:up)`);
  process.exit(1);
});
