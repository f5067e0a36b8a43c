import type { DataSource } from 'typeorm';
import type { PersonalDataCipher, PersonalDataField } from '../infra/personal-data/personal-data.cipher';

interface SealedRow {
  id: string;
  requester_name: string;
  requester_phone: string;
  address: string | null;
  requester_id_number: string | null;
}

const COLUMNS: readonly (readonly [keyof Omit<SealedRow, 'id'>, PersonalDataField])[] = [
  ['requester_name', 'requester.name'],
  ['requester_phone', 'requester.phone'],
  ['address', 'location.address'],
  ['requester_id_number', 'requester.idNumber'],
];

/**
 * Key rotation (`npm run intake:rekey`): seals again, under the current key, every value an older key sealed, in
 * batches of one transaction each (rows locked, so a concurrent run skips them), in id order. Once it is done, the
 * older keys can leave INTAKE_PII_KEYS. The lookup hashes do not change: their key is not rotated.
 */
export async function rekeyPersonalData(dataSource: DataSource, cipher: PersonalDataCipher, batchSize = 500): Promise<number> {
  const olderKey = COLUMNS.map(([column]) => `split_part(${column}, '.', 2) <> $1`).join(' OR ');
  let resealed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await dataSource.transaction(async (transaction) => {
      const batch: SealedRow[] = await transaction.query(
        `SELECT id, ${COLUMNS.map(([column]) => column).join(', ')} FROM intake.cases
          WHERE id > $2 AND (${olderKey}) ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [cipher.currentKeyId, after, batchSize],
      );
      if (batch.length === 0) return batch;
      const reseal = (row: SealedRow, column: keyof Omit<SealedRow, 'id'>, field: PersonalDataField) => {
        const sealed = row[column];
        if (sealed === null || !cipher.isSealedWithOlderKey(sealed)) return sealed;
        return cipher.seal(cipher.open(sealed, row.id, field), row.id, field);
      };
      await transaction.query(
        `UPDATE intake.cases c SET ${COLUMNS.map(([column], index) => `${column} = v.c${index}`).join(', ')}
           FROM unnest($1::uuid[], ${COLUMNS.map((_, index) => `$${index + 2}::text[]`).join(', ')})
             AS v (id, ${COLUMNS.map((_, index) => `c${index}`).join(', ')})
          WHERE c.id = v.id`,
        [batch.map((row) => row.id), ...COLUMNS.map(([column, field]) => batch.map((row) => reseal(row, column, field)))],
      );
      return batch;
    });
    if (rows.length === 0) return resealed;
    resealed += rows.length;
    after = rows[rows.length - 1].id;
  }
}
