import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrateServiceDatabase, serviceDataSourceOptions } from '@ugov/persistence';
import { createServiceRoles, createTestDatabase, databaseUrlAs, repoRoot, ServiceStack } from '@ugov/testing';
import { intakeEntities, intakeMigrations } from '../../apps/intake/src/infra/intake.database';
import { PersonalDataCipher } from '../../apps/intake/src/infra/personal-data/personal-data.cipher';
import { loadPersonalDataKeys } from '../../apps/intake/src/infra/personal-data/personal-data.config';
import { call, complaint, KEYS } from '../u-loop/http';

const REQUESTER = { name: '欧阳测试甲', phone: '13900004321', idNumber: '11010519491231002X' };
const ADDRESS = 'A市A2区测试街道九十九号';
/** Every way the clear values could show up in a row. */
const CLEAR_FORMS = [REQUESTER.name, '13900004321', '139-0000-4321', REQUESTER.idNumber, ADDRESS];

describe("requesters' personal data at rest in intake", () => {
  describe('through the API', () => {
    const stack = new ServiceStack({ services: ['intake'] });
    let db: Client;

    beforeAll(async () => {
      await stack.start();
      db = new Client({ connectionString: stack.databaseUrl });
      await db.connect();
    });

    afterAll(async () => {
      await db?.end();
      await stack.stop();
    });

    it('stores no clear name, phone, ID number or address, and still answers the case with the requester masked', async () => {
      const submitted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, {
        ...complaint('楼道灯坏了', { location: { regionCode: '430103', address: ADDRESS } }),
        requester: REQUESTER,
      });
      expect(submitted.status).toBe(201);
      expect(submitted.body.requester).toEqual({ name: '欧****', phone: '139****4321' });

      const { rows } = await db.query('SELECT c::text AS row, requester_name, requester_phone FROM intake.cases c WHERE id = $1', [submitted.body.id]);
      expect(rows).toHaveLength(1);
      for (const clear of CLEAR_FORMS) expect(rows[0].row).not.toContain(clear);
      expect(rows[0].requester_name).toMatch(/^v1\.test-[0-9a-f]{6}\.[\w-]+$/);
      expect(rows[0].requester_phone).toMatch(/^v1\.test-[0-9a-f]{6}\.[\w-]+$/);

      const read = await call(stack, 'intake', 'GET', `/v1/cases/${submitted.body.id}`, KEYS.portal);
      expect(read.status).toBe(200);
      expect(read.body.requester).toEqual({ name: '欧****', phone: '139****4321' });
      expect(read.body.location.address).toBe(ADDRESS);
      expect(JSON.stringify(read.body)).not.toContain(REQUESTER.idNumber);
    });

    it('finds the same requester by the keyed hash of the phone, however the phone was written', async () => {
      const ids: string[] = [];
      for (const phone of ['13900004321', '0086 139 0000 4321']) {
        const submitted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.hotline, { ...complaint('噪音扰民'), requester: { name: '李四', phone } });
        expect(submitted.status).toBe(201);
        ids.push(submitted.body.id);
      }
      const { rows } = await db.query('SELECT DISTINCT requester_phone_hash FROM intake.cases WHERE id = ANY($1::uuid[])', [ids]);
      expect(rows).toHaveLength(1);
      expect(rows[0].requester_phone_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses an ID number whose check character is wrong, naming the field', async () => {
      const refused = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, {
        ...complaint('测试'),
        requester: { ...REQUESTER, idNumber: '110105194912310021' },
      });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('requester.idNumber');
    });
  });

  describe('migration of clear rows, and key rotation', () => {
    const key = () => randomBytes(32).toString('base64');
    const hashKey = key();
    const firstKeys = `first:${key()}`;
    const secondKeys = `second:${key()},${firstKeys}`;
    let database: { url: string; drop: () => Promise<void> };
    const saved = { keys: process.env.INTAKE_PII_KEYS, hash: process.env.INTAKE_PII_HASH_KEY };

    beforeAll(async () => {
      database = await createTestDatabase('ugov_pii');
      await createServiceRoles(database.url);
    });

    afterAll(async () => {
      process.env.INTAKE_PII_KEYS = saved.keys;
      process.env.INTAKE_PII_HASH_KEY = saved.hash;
      if (saved.keys === undefined) delete process.env.INTAKE_PII_KEYS;
      if (saved.hash === undefined) delete process.env.INTAKE_PII_HASH_KEY;
      await database?.drop();
    });

    const intakeDatabase = async (migrations: typeof intakeMigrations) => {
      const dataSource = await new DataSource(
        serviceDataSourceOptions({ url: databaseUrlAs(database.url, 'ugov_intake'), schema: 'intake', entities: intakeEntities, migrations }),
      ).initialize();
      await migrateServiceDatabase(dataSource, 'intake');
      return dataSource;
    };

    it('seals the rows that an older intake stored in clear, then seals them again under a new key', async () => {
      const before = await intakeDatabase(intakeMigrations.slice(0, 4));
      const ids = Array.from({ length: 3 }, () => randomUUID());
      for (const [index, id] of ids.entries()) {
        await before.query(
          `INSERT INTO intake.cases (id, tracking_number, type, channel, description, address, requester_name, requester_phone,
                                     submitted_by, correlation_id, status)
           VALUES ($1, $2, 'complaint', 'web', 'x', $3, $4, '13900004321', 'portal', 'c', 'submitted')`,
          [id, `UG2026113000000${index}`, index === 0 ? null : ADDRESS, REQUESTER.name],
        );
      }
      await before.destroy();

      process.env.INTAKE_PII_KEYS = firstKeys;
      process.env.INTAKE_PII_HASH_KEY = hashKey;
      const after = await intakeDatabase(intakeMigrations);
      try {
        const first = new PersonalDataCipher(loadPersonalDataKeys());
        const sealed = await after.query('SELECT c::text AS row, * FROM intake.cases c ORDER BY tracking_number');
        expect(sealed).toHaveLength(3);
        for (const row of sealed) {
          for (const clear of CLEAR_FORMS) expect(row.row).not.toContain(clear);
          expect(first.open(row.requester_name, row.id, 'requester.name')).toBe(REQUESTER.name);
          expect(first.open(row.requester_phone, row.id, 'requester.phone')).toBe('13900004321');
          expect(row.requester_phone_hash).toBe(first.phoneHash('13900004321'));
        }
        expect(sealed[0].address).toBeNull();
        expect(first.open(sealed[1].address, sealed[1].id, 'location.address')).toBe(ADDRESS);

        // The rotation command, as an operator runs it: the new key first, the old one after it.
        const rekey = () =>
          promisify(execFile)('node', [join(repoRoot, 'dist', 'scripts', 'intake-rekey.js')], {
            env: { ...process.env, DATABASE_URL: database.url, INTAKE_PII_KEYS: secondKeys, INTAKE_PII_HASH_KEY: hashKey },
          });
        expect((await rekey()).stdout).toContain('intake: 3 case(s) sealed again under key "second"');
        expect((await rekey()).stdout).toContain('intake: 0 case(s) sealed again under key "second"');
        const rotated = await after.query('SELECT * FROM intake.cases ORDER BY tracking_number');
        const onlySecond = new PersonalDataCipher(loadPersonalDataKeys({ INTAKE_PII_KEYS: secondKeys.split(',')[0], INTAKE_PII_HASH_KEY: hashKey }));
        for (const row of rotated) {
          for (const column of ['requester_name', 'requester_phone']) expect(row[column]).toMatch(/^v1\.second\./);
          expect(onlySecond.open(row.requester_name, row.id, 'requester.name')).toBe(REQUESTER.name);
          expect(row.requester_phone_hash).toBe(first.phoneHash('13900004321'));
        }
        expect(onlySecond.open(rotated[2].address, rotated[2].id, 'location.address')).toBe(ADDRESS);
      } finally {
        await after.destroy();
      }
    });
  });
});
