import { Injectable, Logger } from '@nestjs/common';
import { Events, timestampFromDate, type CaseSubmitted } from '@ugov/contracts';
import { contextOfEvent, encodeEvent, OutboxWriter, type EncodedEvent, type EventEnvelope } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import { repeatedCase, type OpenCase } from '../domain/similarity';
import { caseFileOf, type CaseFile } from '../infra/case-files.repository';
import { RepeatConfig } from './repeat.config';

/** A submitted case with its event's envelope (an SubmittedCase). */
interface SubmittedCase {
  readonly submitted: CaseSubmitted;
  readonly envelope: EventEnvelope;
}

interface Link {
  readonly repeat: CaseFile;
  readonly into: OpenCase & { readonly trackingNumber: string };
  readonly similarity: number;
}

const insertLinkedFiles = insertRows<Link>(
  'dispatch.case_files',
  [
    { name: 'case_id', type: 'uuid', value: ({ repeat }) => repeat.caseId },
    { name: 'tracking_number', type: 'text', value: ({ repeat }) => repeat.trackingNumber },
    { name: 'case_type', type: 'int4', value: ({ repeat }) => repeat.caseType },
    { name: 'channel', type: 'int4', value: ({ repeat }) => repeat.channel },
    { name: 'description', type: 'text', value: ({ repeat }) => repeat.description },
    { name: 'accepted_at', type: 'timestamptz', value: ({ repeat }) => repeat.acceptedAt },
    { name: 'requester_key', type: 'text', value: ({ repeat }) => repeat.requesterKey },
    { name: 'merged_into', type: 'uuid', value: ({ into }) => into.caseId },
    { name: 'similarity', type: 'float8', value: ({ similarity }) => similarity },
  ],
  'ON CONFLICT (case_id) DO NOTHING',
);

/**
 * Repeated requests (并单): a request of the same requester (intake's keyed phone hash) with a similar text, within
 * the window, joins that requester's open case instead of being dispatched again. The link is recorded and
 * announced (dispatch.case-merged.v1) so that intake and supervision can tell the requester.
 */
@Injectable()
export class MergeRepeatCaseHandler {
  private readonly logger = new Logger(MergeRepeatCaseHandler.name);

  constructor(
    private readonly config: RepeatConfig,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Links the repeats among the submitted cases; returns the ids of the cases not to dispatch (linked now or before). */
  async execute(commands: readonly SubmittedCase[], transaction: Sql, decidedAt: Date): Promise<ReadonlySet<string>> {
    const files = commands.map((command) => ({ command, file: caseFileOf(command.submitted, decidedAt) }));
    const keyed = files.filter(({ file }) => file.requesterKey);
    if (keyed.length === 0 || this.config.windowMs === 0) return new Set();
    const keys = [...new Set(keyed.map(({ file }) => file.requesterKey!))];
    // One requester's requests are decided one after the other, even by replicas reading other partitions; locks are
    // taken in one order so that two batches never wait on each other.
    await transaction.query(
      `SELECT pg_advisory_xact_lock(lock) FROM (SELECT hashtextextended(key, 9) AS lock FROM unnest($1::text[]) AS key ORDER BY 1) AS locks`,
      [keys],
    );
    const seen: { case_id: string; merged_into: string | null }[] = await transaction.query(
      `SELECT case_id, merged_into FROM dispatch.case_files WHERE case_id = ANY($1::uuid[])`,
      [keyed.map(({ file }) => file.caseId)],
    );
    const alreadyLinked = new Set(seen.filter((row) => row.merged_into).map((row) => row.case_id));
    const alreadySeen = new Set(seen.map((row) => row.case_id));
    const since = new Date(Math.min(...keyed.map(({ file }) => file.acceptedAt.getTime())) - this.config.windowMs);
    const rows: { case_id: string; tracking_number: string; description: string; accepted_at: Date; requester_key: string }[] =
      await transaction.query(
        `SELECT case_id, tracking_number, description, accepted_at, requester_key FROM dispatch.case_files
          WHERE requester_key = ANY($1::text[]) AND merged_into IS NULL AND closed_at IS NULL AND accepted_at >= $2`,
        [keys, since],
      );
    const openByKey = new Map<string, (OpenCase & { trackingNumber: string })[]>();
    const open = (key: string) => openByKey.get(key) ?? openByKey.set(key, []).get(key)!;
    for (const row of rows)
      open(row.requester_key).push({
        caseId: row.case_id,
        trackingNumber: row.tracking_number,
        description: row.description,
        acceptedAt: row.accepted_at,
      });

    const links: { link: Link; command: SubmittedCase }[] = [];
    // In the order intake accepted them, not the batch's (its partitions come in any order): only a later request can
    // repeat an earlier one, so a repeat handled before its original would be dispatched beside it.
    const inAcceptanceOrder = [...keyed].sort((a, b) => a.file.acceptedAt.getTime() - b.file.acceptedAt.getTime());
    for (const { command, file } of inAcceptanceOrder) {
      if (alreadySeen.has(file.caseId)) continue;
      const candidates = open(file.requesterKey!);
      const found = repeatedCase(file, candidates, this.config);
      if (found) links.push({ command, link: { repeat: file, into: found.openCase as Link['into'], similarity: found.similarity } });
      // A case of this batch that is dispatched may be repeated by a later one of the same batch.
      else
        candidates.push({
          caseId: file.caseId,
          trackingNumber: file.trackingNumber,
          description: file.description,
          acceptedAt: file.acceptedAt,
        });
    }
    await insertLinkedFiles.run(
      transaction,
      links.map(({ link }) => link),
    );
    await this.outbox.appendAll(
      transaction,
      links.map(({ command, link }) => this.mergedEvent(command, link, decidedAt)),
    );
    for (const { link, command } of links)
      this.logger.log({
        msg: `case ${link.repeat.caseId} repeats open case ${link.into.caseId} (similarity ${link.similarity.toFixed(2)}): linked, not dispatched`,
        correlationId: command.envelope.correlationId,
      });
    return new Set([...alreadyLinked, ...links.map(({ link }) => link.repeat.caseId)]);
  }

  private mergedEvent(command: SubmittedCase, link: Link, mergedAt: Date): EncodedEvent {
    return encodeEvent(
      Events.caseMerged,
      link.repeat.caseId,
      {
        caseId: link.repeat.caseId,
        trackingNumber: link.repeat.trackingNumber,
        mergedIntoCaseId: link.into.caseId,
        mergedIntoTrackingNumber: link.into.trackingNumber,
        similarity: link.similarity,
        mergedAt: timestampFromDate(mergedAt),
      },
      contextOfEvent(command.envelope),
    );
  }
}
