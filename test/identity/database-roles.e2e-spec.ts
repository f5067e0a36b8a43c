import { Client } from 'pg';
import { serviceNames } from '@ugov/contracts';
import { serviceDatabaseRole } from '@ugov/platform';
import { databaseUrlAs, ServiceStack } from '@ugov/testing';

/** Each service connects as its own PostgreSQL role, which owns its schema and reaches no other. */
describe('per-service database roles', () => {
  const stack = new ServiceStack();
  const clients: Client[] = [];

  beforeAll(async () => {
    await stack.start();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end()));
    await stack.stop();
  });

  const connectAs = async (role: string): Promise<Client> => {
    const client = new Client({ connectionString: databaseUrlAs(stack.databaseUrl, role) });
    await client.connect();
    clients.push(client);
    return client;
  };

  it("refuses dispatch's role any read of intake.cases", async () => {
    const dispatch = await connectAs(serviceDatabaseRole('dispatch'));
    await expect(dispatch.query('SELECT requester_name FROM intake.cases')).rejects.toMatchObject({
      code: '42501',
      message: 'permission denied for schema intake',
    });
  });

  it('lets no service reach into another service’s schema, nor create schemas of its own', async () => {
    for (const service of serviceNames) {
      const client = await connectAs(serviceDatabaseRole(service));
      for (const other of serviceNames.filter((name) => name !== service)) {
        await expect(client.query(`SELECT count(*) FROM "${other}".outbox`)).rejects.toMatchObject({ code: '42501' });
      }
      await expect(client.query('CREATE SCHEMA elsewhere')).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('has every service connected as its own role, owning every table its migrations made', async () => {
    const admin = new Client({ connectionString: stack.databaseUrl });
    await admin.connect();
    clients.push(admin);
    const sessions = await admin.query<{ application_name: string; usename: string }>(
      `SELECT DISTINCT application_name, usename FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'ugov-%'`,
    );
    for (const service of serviceNames) {
      const users = sessions.rows.filter((session) => session.application_name === `ugov-${service}`).map((session) => session.usename);
      expect(users).toEqual([serviceDatabaseRole(service)]);
    }
    const foreignOwners = await admin.query(
      `SELECT schemaname, tablename, tableowner FROM pg_tables WHERE schemaname = ANY($1) AND tableowner <> 'ugov_' || schemaname`,
      [serviceNames],
    );
    expect(foreignOwners.rows).toEqual([]);
    const tables = await admin.query(`SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'intake' AND tablename = 'cases'`);
    expect(tables.rows[0].count).toBe(1);
  });
});
