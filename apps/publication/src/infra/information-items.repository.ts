import type { Sql } from '@ugov/persistence';
import type { InformationItemResponseDto } from '../submit-information/information-item.response.dto';

interface Row {
  id: string;
  column_code: string;
  department_code: string;
  title: string;
  redacted_text: string;
  decided_text: string | null;
  withheld: { type: string; reason: string }[];
  review_status: string;
  disclosure: string | null;
  disclosure_reason: string | null;
  visibility: string | null;
  submitted_at: Date;
  decided_at: Date | null;
  published_at: Date | null;
}

const COLUMNS = `id, column_code, department_code, title, redacted_text, decided_text, withheld, review_status, disclosure,
  disclosure_reason, visibility, submitted_at, decided_at, published_at`;

function itemOf(row: Row): InformationItemResponseDto {
  return {
    id: row.id,
    columnCode: row.column_code,
    departmentCode: row.department_code,
    title: row.title,
    text: row.decided_text ?? row.redacted_text,
    withheld: row.withheld.map(({ type, reason }) => ({ type, reason })),
    reviewStatus: row.review_status,
    disclosure: row.disclosure,
    disclosureReason: row.disclosure_reason,
    visibility: row.visibility,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    publishedAt: row.published_at,
  };
}

export async function informationItem(sql: Sql, id: string): Promise<InformationItemResponseDto | undefined> {
  const [row] = (await sql.query(`SELECT ${COLUMNS} FROM publication.information_items WHERE id = $1`, [id])) as Row[];
  return row && itemOf(row);
}

/** Items by review status, oldest first; `departments` keeps a department's own (undefined: every department's). */
export async function informationItems(
  sql: Sql,
  status: string,
  departments: readonly string[] | undefined,
  limit: number,
): Promise<InformationItemResponseDto[]> {
  const rows = (await sql.query(
    `SELECT ${COLUMNS} FROM publication.information_items
      WHERE review_status = $1 AND ($2::text[] IS NULL OR department_code = ANY($2::text[]))
      ORDER BY submitted_at, id LIMIT $3`,
    [status, departments ? [...departments] : null, limit],
  )) as Row[];
  return rows.map(itemOf);
}
