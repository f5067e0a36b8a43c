import { timestampDate, type CaseSubmitted, type CaseType, type Channel } from '@ugov/contracts';
import { insertRows, type Sql } from '@ugov/persistence';

/** What dispatch keeps of a submitted case to assign it again after a return: no personal data. */
export interface CaseFile {
  readonly caseId: string;
  readonly trackingNumber: string;
  readonly caseType: CaseType;
  readonly channel: Channel;
  readonly description: string;
  /** When intake accepted the case: the catalog in force then decides, and the deadline runs from it. */
  readonly acceptedAt: Date;
  /** The requester's keyed phone hash from intake (opaque), to find repeats (并单); null when intake sent none. */
  readonly requesterKey: string | null;
}

const insertCaseFiles = insertRows<CaseFile>(
  'dispatch.case_files',
  [
    { name: 'case_id', type: 'uuid', value: (file) => file.caseId },
    { name: 'tracking_number', type: 'text', value: (file) => file.trackingNumber },
    { name: 'case_type', type: 'int4', value: (file) => file.caseType },
    { name: 'channel', type: 'int4', value: (file) => file.channel },
    { name: 'description', type: 'text', value: (file) => file.description },
    { name: 'accepted_at', type: 'timestamptz', value: (file) => file.acceptedAt },
    { name: 'requester_key', type: 'text', value: (file) => file.requesterKey },
  ],
  'ON CONFLICT (case_id) DO NOTHING',
);

/** The file of a submitted case; a case without an acceptance time counts as accepted when dispatch decided. */
export function caseFileOf(submitted: CaseSubmitted, decidedAt: Date): CaseFile {
  return {
    caseId: submitted.caseId,
    trackingNumber: submitted.trackingNumber,
    caseType: submitted.type,
    channel: submitted.channel,
    description: submitted.description,
    acceptedAt: submitted.submittedAt ? timestampDate(submitted.submittedAt) : decidedAt,
    requesterKey: submitted.requesterKey || null,
  };
}

export async function recordCaseFiles(sql: Sql, files: readonly CaseFile[]): Promise<void> {
  await insertCaseFiles.run(sql, files);
}

export async function caseFile(sql: Sql, caseId: string): Promise<CaseFile | undefined> {
  const [row] = await sql.query(
    `SELECT case_id, tracking_number, case_type, channel, description, accepted_at, requester_key FROM dispatch.case_files WHERE case_id = $1`,
    [caseId],
  );
  return (
    row && {
      caseId: row.case_id,
      trackingNumber: row.tracking_number,
      caseType: row.case_type,
      channel: row.channel,
      description: row.description,
      acceptedAt: row.accepted_at,
      requesterKey: row.requester_key,
    }
  );
}
