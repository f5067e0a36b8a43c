import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { AssignmentRole, Events, type CaseAssigned } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { call, KEYS, submitComplaint } from '../u-loop/http';

const ROOT = resolve(__dirname, '../..');
const TRAIN = join(ROOT, 'dist/scripts/classifier/train-classifier.js');
const TEXT = '小区物业乱收停车费，业主意见很大';

/**
 * The classifier learns from every correction: a department returns a case, dispatch re-routes it, and the case's
 * text with the domain it now stands under is a labelled example that the next `npm run classifier:train` reads
 * from dispatch's database. Real services, Kafka and PostgreSQL; the training run is the real command, on a small
 * copy of the shipped messages (in a temporary model folder) so that it is quick and leaves the repository's models alone.
 */
describe('learning from returns', () => {
  const stack = new ServiceStack({ services: ['intake', 'dispatch', 'processing'] });
  let reader: TopicReader;
  let db: Client;
  let models: string;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader([Events.caseAssigned.topic], stack.topicPrefix).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    models = mkdtempSync(join(tmpdir(), 'ugov-models-'));
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
    if (models) rmSync(models, { recursive: true, force: true });
  });

  const lead = (caseId: string, count: number) =>
    waitFor(`lead assignment ${count} of ${caseId}`, async () => {
      const leads = reader
        .on(Events.caseAssigned.topic, caseId)
        .map((message) => decodeEvent(Events.caseAssigned, message).body)
        .filter(({ role }) => role === AssignmentRole.LEAD);
      return leads[count - 1] as CaseAssigned | undefined;
    });

  const train = (...args: string[]): Promise<{ exitCode: number; output: string }> =>
    new Promise((done) =>
      execFile(
        process.execPath,
        [TRAIN, ...args],
        { env: { ...process.env, DATABASE_URL: stack.databaseUrl, DISPATCH_MODEL_DIR: models } },
        (error, stdout, stderr) => done({ exitCode: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
      ),
    );

  it('turns a return and re-route into a labelled example that the next training run learns from', async () => {
    const submitted = await submitComplaint(stack, TEXT, {
      categoryCode: 'urban.property-management',
      location: { regionCode: '430103003' },
    });
    const caseId: string = submitted.body.id;
    const first = await lead(caseId, 1);
    expect(first).toMatchObject({ departmentCode: 'a2-muyun-street' });
    // Before any return there is nothing to learn from this case.
    expect((await db.query('SELECT 1 FROM dispatch.labelled_examples WHERE case_id = $1', [caseId])).rows).toEqual([]);

    // The street returns it over processing's route (once it is on its list); dispatch re-routes it to the district.
    const returned = await waitFor(`return of ${first.assignmentId}`, async () => {
      const response = await call(
        stack,
        'processing',
        'POST',
        `/v1/assignments/${first.assignmentId}/return`,
        KEYS.department('a2-muyun-street'),
        {
          reason: '物业收费监管属区住建局职责',
        },
      );
      return response.status === 200 ? response : undefined;
    });
    expect(returned.body).toMatchObject({ status: 'returned' });
    const second = await lead(caseId, 2);
    expect(second).toMatchObject({ departmentCode: 'a2-housing', reassignment: { returnedByDepartmentCode: 'a2-muyun-street' } });

    const examples = await db.query(
      `SELECT source, text, domain, category_code, decided_by FROM dispatch.labelled_examples WHERE case_id = $1`,
      [caseId],
    );
    // The board labels property complaints 商贸旅游; the catalog's category says 城乡建设, and that is what is learnt.
    expect(examples.rows).toEqual([
      { source: 'return', text: TEXT, domain: '城乡建设', category_code: second.categoryCode, decided_by: 'a2-muyun-street' },
    ]);

    // The real training command, on eight shipped messages per domain plus the corrections in the stack's database.
    const perDomain = new Map<string, string[]>();
    for (const line of readFileSync(join(ROOT, 'apps/dispatch/models/training/messages.tsv'), 'utf8').split('\n').slice(1)) {
      const domain = line.split('\t')[1];
      if (!domain) continue;
      const lines = perDomain.get(domain) ?? [];
      if (lines.length < 8) perDomain.set(domain, [...lines, line]);
    }
    mkdirSync(join(models, 'training'));
    writeFileSync(join(models, 'training/messages.tsv'), `text\tdomain\n${[...perDomain.values()].flat().join('\n')}\n`);
    const trained = await train('--folds', '2');
    expect(trained).toMatchObject({ exitCode: 0 });
    expect(trained.output).toContain(`training v1 on ${8 * perDomain.size} shipped messages and 1 corrections`);
    const model = JSON.parse(readFileSync(join(models, 'domain-classifier.v1.json'), 'utf8'));
    expect(model.examples).toEqual({ shipped: 8 * perDomain.size, corrections: 1 });
    expect(model.crossValidation.examples).toBe(8 * perDomain.size + 1);
    expect(readFileSync(join(models, 'ACTIVE'), 'utf8').trim()).toBe('v1');
  });
});
