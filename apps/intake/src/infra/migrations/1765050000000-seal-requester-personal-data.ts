import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PersonalDataCipher, type PersonalDataField } from '../personal-data/personal-data.cipher';
import { loadPersonalDataKeys } from '../personal-data/personal-data.config';

const BATCH = 1000;

interface ClearRow {
  id: string;
  requester_name: string;
  requester_phone: string;
  address: string | null;
}

/**
 * The requester's name, phone and address were stored in clear: seal them in place (same columns), add the sealed
 * ID number and the keyed lookup hashes of phone and ID number. Rows without a phone hash are the clear ones.
 * Needs INTAKE_PII_KEYS and INTAKE_PII_HASH_KEY only when there are rows to convert.
 */
export class SealRequesterPersonalData1765050000000 implements MigrationInterface {
  name = 'SealRequesterPersonalData1765050000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases
      ADD COLUMN requester_phone_hash text,
      ADD COLUMN requester_id_number text,
      ADD COLUMN requester_id_number_hash text`);
    let cipher: PersonalDataCipher | undefined;
    for (;;) {
      const rows: ClearRow[] = await runner.query(
        `SELECT id, requester_name, requester_phone, address FROM intake.cases WHERE requester_phone_hash IS NULL LIMIT ${BATCH}`,
      );
      if (rows.length === 0) break;
      cipher ??= new PersonalDataCipher(loadPersonalDataKeys());
      const seal = (value: string, id: string, field: PersonalDataField) => cipher!.seal(value, id, field);
      await runner.query(
        `UPDATE intake.cases c SET requester_name = v.name, requester_phone = v.phone, address = v.address, requester_phone_hash = v.phone_hash
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v (id, name, phone, address, phone_hash)
          WHERE c.id = v.id`,
        [
          rows.map((row) => row.id),
          rows.map((row) => seal(row.requester_name, row.id, 'requester.name')),
          rows.map((row) => seal(row.requester_phone, row.id, 'requester.phone')),
          rows.map((row) => (row.address === null ? null : seal(row.address, row.id, 'location.address'))),
          rows.map((row) => cipher!.phoneHash(row.requester_phone)),
        ],
      );
    }
    await runner.query(`ALTER TABLE intake.cases ALTER COLUMN requester_phone_hash SET NOT NULL`);
    await runner.query(`CREATE INDEX cases_requester_phone_hash ON intake.cases (requester_phone_hash)`);
    await runner.query(`CREATE INDEX cases_requester_id_number_hash ON intake.cases (requester_id_number_hash) WHERE requester_id_number_hash IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    let cipher: PersonalDataCipher | undefined;
    for (let offset = 0; ; offset += BATCH) {
      const rows: ClearRow[] = await runner.query(
        `SELECT id, requester_name, requester_phone, address FROM intake.cases ORDER BY id LIMIT ${BATCH} OFFSET ${offset}`,
      );
      if (rows.length === 0) break;
      cipher ??= new PersonalDataCipher(loadPersonalDataKeys());
      await runner.query(
        `UPDATE intake.cases c SET requester_name = v.name, requester_phone = v.phone, address = v.address
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v (id, name, phone, address) WHERE c.id = v.id`,
        [
          rows.map((row) => row.id),
          rows.map((row) => cipher!.open(row.requester_name, row.id, 'requester.name')),
          rows.map((row) => cipher!.open(row.requester_phone, row.id, 'requester.phone')),
          rows.map((row) => (row.address === null ? null : cipher!.open(row.address, row.id, 'location.address'))),
        ],
      );
    }
    await runner.query(`ALTER TABLE intake.cases DROP COLUMN requester_phone_hash, DROP COLUMN requester_id_number, DROP COLUMN requester_id_number_hash`);
  }
}
