import type { Sql } from '@ugov/persistence';

/** A human's verdict on a case's domain, kept for the next `npm run classifier:train`. */
export interface ReturnExample {
  readonly caseId: string;
  readonly text: string;
  /** The first-level domain (zh-Hans name, as in taxonomy.csv) of the category the case now stands under. */
  readonly domain: string;
  readonly categoryCode: string;
  /** The department whose accepted return made the correction. */
  readonly decidedBy: string;
  readonly recordedAt: Date;
}

/**
 * Records an accepted return (退单 followed by 改派) as a labelled example, with what the classifier predicted when
 * the case was first decided; a later return of the same case replaces it (one `return` example per case).
 */
export async function recordReturnExample(sql: Sql, example: ReturnExample): Promise<void> {
  await sql.query(
    `INSERT INTO dispatch.labelled_examples
            (case_id, source, text, domain, category_code, predicted_domain, classifier_version, decided_by, recorded_at)
     SELECT $1, 'return', $2, $3, $4, predicted_domain, classifier_version, $5, $6 FROM dispatch.decisions WHERE case_id = $1
     ON CONFLICT (case_id, source) DO UPDATE SET text = EXCLUDED.text, domain = EXCLUDED.domain,
            category_code = EXCLUDED.category_code, decided_by = EXCLUDED.decided_by, recorded_at = EXCLUDED.recorded_at`,
    [example.caseId, example.text, example.domain, example.categoryCode, example.decidedBy, example.recordedAt],
  );
}
