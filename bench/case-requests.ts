import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CASE_TYPES, CHANNELS } from '@ugov/contracts';
import { repoRoot } from '@ugov/testing';
import { DESCRIPTION_MAX_LENGTH } from '../apps/intake/src/submit-case/submit-case.request.dto';

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

/** The fields of a POST /v1/cases body. */
export interface CaseRequest {
  readonly type: string;
  readonly channel: string;
  readonly description: string;
  readonly requester: { readonly name: string; readonly phone: string };
  readonly location: { readonly regionCode: string };
}

/** One plausible case per message; type, channel and district rotate. */
export function caseRequestsFor(descriptions: readonly string[]): CaseRequest[] {
  const types = Object.keys(CASE_TYPES);
  const channels = Object.keys(CHANNELS);
  return descriptions.map((description, index) => ({
    type: types[index % types.length],
    channel: channels[index % channels.length],
    description,
    requester: { name: '张三', phone: `138${String(index).padStart(8, '0')}` },
    location: { regionCode: DISTRICT_CODES[index % DISTRICT_CODES.length] },
  }));
}

/** Serialized once before a run, so the load generator spends its CPU on sending, not on JSON.stringify. */
export function requestBodiesOf(requests: readonly CaseRequest[]): Buffer[] {
  return requests.map((request) => Buffer.from(JSON.stringify(request)));
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
