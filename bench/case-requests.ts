import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHANNELS, type ChannelName } from '@ugov/contracts';
import { repoRoot } from '@ugov/testing';
import { DESCRIPTION_MAX_LENGTH, GENERAL_TYPES } from '../apps/intake/src/submit-case/submit-case.request.dto';

/** Districts of the seed dispatch catalog, so that region rules take part in routing. */
const DISTRICT_CODES = ['430102', '430103', '430104'];

function sharedDataFolder(): string {
  return resolve(process.env.UGOV_SHARED_DATA ?? resolve(repoRoot, '../shared/data'));
}

/** Real citizen messages (`text<TAB>domain`), read in place and never copied into the repo. */
export function loadCaseDescriptions(): string[] {
  const file = resolve(sharedDataFolder(), 'gov-messages/train.tsv');
  if (!existsSync(file)) throw new Error(`no sample messages at ${file}: set UGOV_SHARED_DATA to the shared/data folder`);
  const descriptions = readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0].trim())
    // Longer messages would be refused by intake, and a 400 measures nothing we want.
    .filter((text) => text.length > 0 && text.length <= DESCRIPTION_MAX_LENGTH);
  if (descriptions.length === 0) throw new Error(`${file} holds no usable messages`);
  return descriptions;
}

/** The fields of a POST /v1/cases body (plus what its channel carries, see channelDetailsOf). */
export interface CaseRequest {
  readonly type: string;
  readonly channel: string;
  readonly description: string;
  readonly requester: { readonly name: string; readonly phone: string };
  readonly location: { readonly regionCode: string };
}

/** What each channel must carry (the hotline's agent and call, the SMS gateway's message id, …). */
export function channelDetailsOf(channel: ChannelName, index: number): Record<string, object> {
  const id = String(index);
  switch (channel) {
    case 'hotline-12345':
      return { hotline: { agentId: `agent-${index % 40}`, callId: `call-${id}` } };
    case 'sms':
      return { sms: { gatewayMessageId: `sms-${id}` } };
    case 'email':
      return { email: { messageId: `<${id}@mail.example.cn>` } };
    case 'kiosk':
      return { kiosk: { terminalId: `kiosk-${index % 12}` } };
    case 'proxy-agent':
      return { proxyAgent: { agentId: `proxy-${index % 30}`, name: '李四' } };
    case 'walk-in-window':
      return { window: { staffId: `staff-${index % 20}` } };
    case 'open311':
      return { open311: { serviceCode: 'urban.street-lighting' } };
    default:
      return {};
  }
}

/** One plausible case per message; the types that need nothing but the matter, channel and district rotate. */
export function caseRequestsFor(descriptions: readonly string[]): CaseRequest[] {
  const channels = Object.keys(CHANNELS) as ChannelName[];
  return descriptions.map((description, index) => ({
    type: GENERAL_TYPES[index % GENERAL_TYPES.length],
    channel: channels[index % channels.length],
    description,
    requester: { name: '张三', phone: `138${String(index).padStart(8, '0')}` },
    location: { regionCode: DISTRICT_CODES[index % DISTRICT_CODES.length] },
    ...channelDetailsOf(channels[index % channels.length], index),
  }));
}

/** Serialized once before a run, so the load generator spends its CPU on sending, not on JSON.stringify. */
export function requestBodiesOf(requests: readonly CaseRequest[]): Buffer[] {
  return requests.map((request) => Buffer.from(JSON.stringify(request)));
}

/** Where a body's requester phone keeps its 8 digits after `138`. */
function phoneDigitsAt(body: Buffer): number {
  const marker = '"phone":"138';
  const at = body.indexOf(marker);
  if (at < 0) throw new Error('a case request body without a requester phone');
  return at + marker.length;
}

/**
 * Hands out the bodies in turn, each time from a requester of its own (the phone's last 8 digits count up).
 * Dispatch links a requester's repeated matter to the open case (并单) instead of deciding it, so a body sent
 * twice as it is would measure merging, not routing: a city's load is many citizens, not one citizen repeating.
 */
export class CaseBodies {
  private readonly turns: RoundRobin<{ readonly template: Buffer; readonly digitsAt: number }>;
  private sent = 0;

  constructor(templates: readonly Buffer[]) {
    this.turns = new RoundRobin(templates.map((template) => ({ template, digitsAt: phoneDigitsAt(template) })));
  }

  take(): Buffer {
    const { template, digitsAt } = this.turns.take();
    const body = Buffer.from(template);
    body.write(String(this.sent++ % 100_000_000).padStart(8, '0'), digitsAt, 'latin1');
    return body;
  }
}

/** Hands out items in turn, forever: the runs are timed, not counted. */
export class RoundRobin<T> {
  private next = 0;

  constructor(private readonly items: readonly T[]) {
    if (items.length === 0) throw new Error('RoundRobin needs at least one item');
  }

  take(): T {
    const item = this.items[this.next];
    this.next = (this.next + 1) % this.items.length;
    return item;
  }
}
