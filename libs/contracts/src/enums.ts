import { CaseType, Channel, Urgency } from './gen/ugov/intake/v1/case_submitted_pb';
import { Outcome } from './gen/ugov/processing/v1/processing_events_pb';

/** The names used on the REST API, mapped to the protobuf enums used on the wire. */
export const CASE_TYPES = {
  consultation: CaseType.CONSULTATION,
  help: CaseType.HELP,
  complaint: CaseType.COMPLAINT,
  report: CaseType.REPORT,
  suggestion: CaseType.SUGGESTION,
  praise: CaseType.PRAISE,
  demand: CaseType.DEMAND,
  appeal: CaseType.APPEAL,
  'information-disclosure': CaseType.INFORMATION_DISCLOSURE,
  'service-application': CaseType.SERVICE_APPLICATION,
  'deputy-suggestion': CaseType.DEPUTY_SUGGESTION,
  'cppcc-proposal': CaseType.CPPCC_PROPOSAL,
} as const;
export type CaseTypeName = keyof typeof CASE_TYPES;

export const URGENCIES = { normal: Urgency.NORMAL, urgent: Urgency.URGENT } as const;
export type UrgencyName = keyof typeof URGENCIES;

export const CHANNELS = {
  'web-portal': Channel.WEB_PORTAL,
  'mobile-app': Channel.MOBILE_APP,
  'hotline-12345': Channel.HOTLINE_12345,
  sms: Channel.SMS,
  email: Channel.EMAIL,
  wechat: Channel.WECHAT,
  kiosk: Channel.KIOSK,
  'proxy-agent': Channel.PROXY_AGENT,
  open311: Channel.OPEN311,
  'walk-in-window': Channel.WALK_IN_WINDOW,
} as const;
export type ChannelName = keyof typeof CHANNELS;

export const OUTCOMES = {
  resolved: Outcome.RESOLVED,
  explained: Outcome.EXPLAINED,
  'not-resolvable': Outcome.NOT_RESOLVABLE,
} as const;
export type OutcomeName = keyof typeof OUTCOMES;

function nameOf<Names extends string>(table: Record<Names, number>, value: number, what: string): Names {
  const name = (Object.keys(table) as Names[]).find((key) => table[key] === value);
  if (!name) throw new Error(`unknown ${what} ${value}`);
  return name;
}

export const caseTypeName = (value: CaseType): CaseTypeName => nameOf(CASE_TYPES, value, 'case type');
export const channelName = (value: Channel): ChannelName => nameOf(CHANNELS, value, 'channel');
export const urgencyName = (value: Urgency): UrgencyName =>
  value === Urgency.UNSPECIFIED ? 'normal' : nameOf(URGENCIES, value, 'urgency');
export const outcomeName = (value: Outcome): OutcomeName => nameOf(OUTCOMES, value, 'outcome');
