import { Injectable } from '@nestjs/common';
import { CASE_TYPES, CHANNELS, Events, timestampFromDate, URGENCIES } from '@ugov/contracts';
import { encodeEvent, OutboxWriter, type SqlExecutor } from '@ugov/messaging';
import { insertRows } from '@ugov/persistence';
import type { TraceContext } from '@ugov/observability';
import { RequesterContactSeal } from '@ugov/platform';
import { deliveryContactOf } from './delivery-contact';
import { trackingNumberOf } from '../domain/tracking-number';
import { channelDetailsOf, typeDetailsOf, type AttachmentReference, type TypeDetails } from '../domain/case-submission';
import type { SubmitCaseCommand } from '../submit-case/submit-case.command';
import { CaseEntity } from './case.entity';
import { PersonalDataCipher } from './personal-data/personal-data.cipher';
import { TrackingNumberAllocator } from './tracking-number.allocator';

/** A case accepted at the edge but not yet written: its id, and the request's trace it was accepted in. */
export interface CaseDraft {
  readonly caseId: string;
  readonly command: SubmitCaseCommand;
  readonly acceptedAt: Date;
  readonly context: TraceContext;
  /** Given once to the requester with the tracking number; stored only as a keyed hash. */
  readonly verificationCode: string;
}

/** The cases' rows: the parameter `$2` of the statement that also writes their events (`$1`). */
const insertCases = insertRows<CaseEntity>(
  'intake.cases',
  [
    { name: 'id', type: 'uuid', value: (record) => record.id },
    { name: 'tracking_number', type: 'text', value: (record) => record.trackingNumber },
    { name: 'type', type: 'text', value: (record) => record.type },
    { name: 'channel', type: 'text', value: (record) => record.channel },
    { name: 'description', type: 'text', value: (record) => record.description },
    { name: 'category_code', type: 'text', value: (record) => record.categoryCode },
    { name: 'region_code', type: 'text', value: (record) => record.regionCode },
    { name: 'lat', type: 'float8', value: (record) => record.lat },
    { name: 'long', type: 'float8', value: (record) => record.long },
    { name: 'address', type: 'text', value: (record) => record.sealedAddress },
    { name: 'requester_name', type: 'text', value: (record) => record.sealedRequesterName },
    { name: 'requester_phone', type: 'text', value: (record) => record.sealedRequesterPhone },
    { name: 'requester_phone_hash', type: 'text', value: (record) => record.requesterPhoneHash },
    { name: 'requester_id_number', type: 'text', value: (record) => record.sealedRequesterIdNumber },
    { name: 'requester_id_number_hash', type: 'text', value: (record) => record.requesterIdNumberHash },
    { name: 'verification_code_hash', type: 'text', value: (record) => record.verificationCodeHash },
    { name: 'submitted_by', type: 'text', value: (record) => record.submittedBy },
    { name: 'correlation_id', type: 'text', value: (record) => record.correlationId },
    { name: 'status', type: 'text', value: (record) => record.status },
    { name: 'submitted_at', type: 'timestamptz', value: (record) => record.submittedAt },
    { name: 'urgency', type: 'text', value: (record) => record.urgency },
    { name: 'confidential', type: 'boolean', value: (record) => record.confidential },
    { name: 'attachments', type: 'jsonb', value: (record) => record.attachments },
    { name: 'channel_details', type: 'jsonb', value: (record) => record.channelDetails },
    { name: 'type_details', type: 'jsonb', value: (record) => record.typeDetails },
  ],
  '',
  { parameter: 2 },
);

/**
 * Writes cases and their case-submitted events in one statement (atomic on its own, or part of the
 * caller's transaction), however many cases there are: one round trip to the database.
 */
@Injectable()
export class CaseWriter {
  /** One text, built once: a statement is prepared by its text, and one built per call would be spelt out at every use. */
  private readonly statement: string;

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly trackingNumbers: TrackingNumberAllocator,
    private readonly cipher: PersonalDataCipher,
    private readonly contactSeal: RequesterContactSeal,
  ) {
    // Each case is new: nobody else can write its events yet, so no key lock is needed.
    this.statement = `WITH new_cases AS (${insertCases.text}) ${outbox.insertSql('new')}`;
  }

  async insert(executor: SqlExecutor, drafts: readonly CaseDraft[]): Promise<CaseEntity[]> {
    const sequences = await this.trackingNumbers.take(drafts.length);
    const cases = drafts.map((draft, index) => caseOf(draft, trackingNumberOf(draft.acceptedAt, sequences[index]), this.cipher));
    const events = this.outbox.eventsParameter(
      cases.map((record, index) =>
        encodeEvent(
          Events.caseSubmitted,
          record.id,
          {
            ...caseSubmittedOf(record, drafts[index].command),
            sealedContact: this.contactSeal.seal(deliveryContactOf(drafts[index].command), record.id),
          },
          drafts[index].context,
        ),
      ),
    );
    await executor.query(this.statement, [events, insertCases.parameterOf(cases)]);
    return cases;
  }
}

function caseOf(draft: CaseDraft, trackingNumber: string, cipher: PersonalDataCipher): CaseEntity {
  const { request, submittedBy } = draft.command;
  const { caseId } = draft;
  const { name, phone, idNumber } = request.requester;
  const address = request.location?.address;
  return {
    id: draft.caseId,
    trackingNumber,
    type: request.type,
    channel: request.channel,
    description: request.description,
    categoryCode: request.categoryCode ?? null,
    regionCode: request.location?.regionCode ?? null,
    lat: request.location?.lat ?? null,
    long: request.location?.long ?? null,
    sealedAddress: address === undefined ? null : cipher.seal(address, caseId, 'location.address'),
    sealedRequesterName: cipher.seal(name, caseId, 'requester.name'),
    sealedRequesterPhone: cipher.seal(phone, caseId, 'requester.phone'),
    requesterPhoneHash: cipher.phoneHash(phone),
    sealedRequesterIdNumber: idNumber === undefined ? null : cipher.seal(idNumber, caseId, 'requester.idNumber'),
    requesterIdNumberHash: idNumber === undefined ? null : cipher.idNumberHash(idNumber),
    verificationCodeHash: cipher.verificationCodeHash(trackingNumber, draft.verificationCode),
    submittedBy,
    correlationId: draft.context.correlationId,
    status: 'submitted',
    submittedAt: draft.acceptedAt,
    urgency: request.urgency ?? 'normal',
    confidential: request.confidential ?? false,
    attachments: request.attachments ?? [],
    channelDetails: channelDetailsOf(request),
    typeDetails: typeDetailsOf(request),
  };
}

/** The event carries the matter, not the person: no readable requester name, phone or ID number. */
function caseSubmittedOf(record: CaseEntity, command: SubmitCaseCommand) {
  return {
    caseId: record.id,
    trackingNumber: record.trackingNumber,
    type: CASE_TYPES[record.type],
    channel: CHANNELS[record.channel],
    description: record.description,
    categoryCode: record.categoryCode ?? '',
    location: {
      regionCode: record.regionCode ?? '',
      lat: record.lat ?? undefined,
      long: record.long ?? undefined,
      // Where the matter is, for routing: the one personal datum a consumer needs.
      address: command.request.location?.address ?? '',
    },
    submittedAt: timestampFromDate(record.submittedAt),
    actor: command.actor,
    // A keyed hash, not the phone: lets dispatch find the same requester's repeated request (并单).
    requesterKey: record.requesterPhoneHash,
    urgency: URGENCIES[record.urgency],
    confidential: record.confidential,
    attachments: record.attachments.map(attachmentOf),
    details: detailsOf(record.typeDetails),
  };
}

const attachmentOf = (file: AttachmentReference) => ({
  url: file.url,
  mediaType: file.mediaType,
  sizeBytes: BigInt(file.sizeBytes),
  name: file.name ?? '',
});

/** The event's oneof of what only some types carry. */
function detailsOf(details: TypeDetails | null) {
  if (details?.disclosure) return { case: 'disclosure' as const, value: details.disclosure };
  if (details?.serviceApplication) {
    const { serviceItemCode, materials } = details.serviceApplication;
    const value = { serviceItemCode, materials: materials.map((material) => ({ name: material.name, file: attachmentOf(material.file) })) };
    return { case: 'serviceApplication' as const, value };
  }
  if (details?.proposal) {
    const { title, session, number, proposers } = details.proposal;
    const value = {
      title,
      session,
      number: number ?? '',
      proposers: proposers.map((proposer) => ({ name: proposer.name, memberId: proposer.memberId ?? '' })),
    };
    return { case: 'proposal' as const, value };
  }
  return { case: undefined };
}
