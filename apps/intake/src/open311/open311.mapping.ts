import { open311ServiceOf, type Open311Service } from '../domain/open311-services';
import {
  attributeProblemsOf,
  Open311ParameterError,
  Open311ParameterErrors,
  open311StatusOf,
  type AttributeAnswers,
} from '../domain/open311.rules';
import type { Language } from '@ugov/platform';
import { departmentNameOf, noticeOf, STATE_WORDS, SUBMITTED, withdrawalWordsOf, type RequestProgress } from '../domain/request-progress';
import type { CaseEntity } from '../infra/case.entity';

/** A posted form: a name sent once is a string, a name sent several times all its values. */
export type Open311Form = Readonly<Record<string, string | readonly string[] | undefined>>;

const single = (form: Open311Form, name: string): string | undefined => {
  const value = form[name];
  const text = Array.isArray(value) ? value[value.length - 1] : (value as string | undefined);
  return text === undefined || text.trim() === '' ? undefined : text;
};

/** Where each field of the native body comes from in GeoReport, so that a bad one is named as the client sent it. */
const PARAMETER_OF_FIELD: readonly [RegExp, string][] = [
  [/^requester\.name$/, 'first_name'],
  [/^requester\.phone$/, 'phone'],
  [/^requester$/, 'phone'],
  [/^location\.lat$/, 'lat'],
  [/^location\.long$/, 'long'],
  [/^location\.address$/, 'address_string'],
  [/^location(\.regionCode)?$/, 'lat'],
  [/^(categoryCode|open311\.serviceCode)$/, 'service_code'],
  [/^open311\.deviceId$/, 'device_id'],
  [/^open311\.accountId$/, 'account_id'],
  [/^open311\.mediaUrl$/, 'media_url'],
  [/^delivery(\.email)?$/, 'email'],
];

export function open311ParameterOf(field: string): string {
  return PARAMETER_OF_FIELD.find(([pattern]) => pattern.test(field))?.[1] ?? field;
}

/** `attribute[CODE]` and `attribute[CODE][]` (a multi-value list), each with all the values sent. */
export function attributeAnswersOf(form: Open311Form): AttributeAnswers {
  const answers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(form)) {
    const code = /^attribute\[([^\]]+)\](\[\])?$/.exec(name)?.[1];
    if (code === undefined || value === undefined) continue;
    answers[code] = [...(answers[code] ?? []), ...(Array.isArray(value) ? (value as string[]) : [value as string])];
  }
  return answers;
}

/** A coordinate as sent: a number when it reads as one, else the text (which the body's rules then refuse, naming it). */
const coordinateOf = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);

/**
 * A GeoReport POST as the native API's body for the same submission handler: the service is the catalog category
 * and decides the request type; lat/long or address_string is the location; the name and phone are the requester.
 * What only GeoReport knows (device, account, media URL, attribute answers) is the open311 channel's details.
 */
export function submissionOf(form: Open311Form): { service: Open311Service; body: Record<string, unknown> } {
  const serviceCode = single(form, 'service_code');
  if (!serviceCode) throw new Open311ParameterError('service_code', 'service_code is required');
  const service = open311ServiceOf(serviceCode);
  if (!service) throw new Open311ParameterError('service_code', `service_code ${serviceCode} is not a service of this endpoint`);
  const lat = single(form, 'lat');
  const long = single(form, 'long');
  const address = single(form, 'address_string');
  const problems: Open311ParameterError[] = [];
  if (single(form, 'address_id') !== undefined && lat === undefined && address === undefined)
    problems.push(new Open311ParameterError('address_id', 'address_id is not supported here: send lat and long, or address_string'));
  else if ((lat === undefined || long === undefined) && address === undefined)
    problems.push(new Open311ParameterError('lat', 'a location is required: lat and long, or address_string'));
  const answers = attributeAnswersOf(form);
  problems.push(...attributeProblemsOf(service, answers));
  if (problems.length > 0) throw problems.length === 1 ? problems[0] : new Open311ParameterErrors(problems);

  const name = [single(form, 'last_name'), single(form, 'first_name')].filter(Boolean).join('');
  const open311 = {
    serviceCode,
    deviceId: single(form, 'device_id'),
    accountId: single(form, 'account_id'),
    mediaUrl: single(form, 'media_url'),
    attributes: Object.keys(answers).length > 0 ? Object.entries(answers).map(([code, values]) => ({ code, values })) : undefined,
  };
  const body = {
    type: service.caseType,
    channel: 'open311',
    description: single(form, 'description'),
    requester: { name: name || undefined, phone: single(form, 'phone') },
    categoryCode: serviceCode,
    location: {
      ...(lat !== undefined && long !== undefined ? { lat: coordinateOf(lat), long: coordinateOf(long) } : {}),
      ...(address !== undefined ? { address } : {}),
    },
    open311: Object.fromEntries(Object.entries(open311).filter(([, value]) => value !== undefined)),
    // The spec's email: where the answer goes besides the phone (sealed for publication, as POST /v1/cases' delivery).
    ...(single(form, 'email') !== undefined ? { delivery: { email: single(form, 'email') } } : {}),
  };
  return { service, body };
}

export const serviceListEntryOf = (service: Open311Service) => ({
  service_code: service.code,
  service_name: service.name,
  description: service.description,
  metadata: service.attributes.length > 0,
  type: 'realtime',
  keywords: service.keywords.join(','),
  group: service.group,
});

export const serviceDefinitionOf = (service: Open311Service) => ({
  service_code: service.code,
  attributes: service.attributes.map((attribute, index) => ({
    variable: true,
    code: attribute.code,
    datatype: attribute.datatype,
    required: attribute.required,
    datatype_description: attribute.datatypeDescription ?? null,
    order: index + 1,
    description: attribute.description,
    ...(attribute.values ? { values: attribute.values.map((value) => ({ key: value.key, name: value.name })) } : {}),
  })),
});

/**
 * A case as a GeoReport service request; `address` is the case's address opened (intake stores it sealed); its
 * status, notes, agency, notice and times come from the progress intake records of it (none yet: just submitted),
 * and from the requester's withdrawal (`withdrawnAt`), which closes it whatever the progress said.
 */
export function serviceRequestOf(
  caseRecord: CaseEntity,
  address: string | null,
  progress: RequestProgress = SUBMITTED,
  language: Language = 'zh-Hans',
  withdrawnAt: Date | null = null,
) {
  const service = caseRecord.categoryCode ? open311ServiceOf(caseRecord.categoryCode) : undefined;
  const details = caseRecord.channel === 'open311' ? (caseRecord.channelDetails as { mediaUrl?: string } | null) : null;
  const closed = withdrawnAt !== null || open311StatusOf(caseRecord.status) === 'closed';
  const updatedAt = [progress.updatedAt, withdrawnAt?.toISOString()].filter((at) => at != null).sort();
  return {
    service_request_id: caseRecord.trackingNumber,
    status: closed ? 'closed' : open311StatusOf(progress.state),
    status_notes: withdrawnAt ? withdrawalWordsOf(withdrawnAt, language) : STATE_WORDS[language][progress.state],
    service_name: service?.name ?? null,
    service_code: caseRecord.categoryCode,
    description: caseRecord.description,
    agency_responsible: departmentNameOf(progress.department, language),
    service_notice: withdrawnAt ? null : noticeOf(progress, language),
    requested_datetime: caseRecord.submittedAt.toISOString(),
    updated_datetime: updatedAt.at(-1) ?? caseRecord.submittedAt.toISOString(),
    expected_datetime: progress.deadline,
    address,
    address_id: null,
    zipcode: null,
    lat: caseRecord.lat,
    long: caseRecord.long,
    media_url: details?.mediaUrl ?? null,
  };
}
