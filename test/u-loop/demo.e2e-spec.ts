import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { Events } from '@ugov/contracts';
import { repoRoot, ServiceStack, waitFor } from '@ugov/testing';
import { call, KEYS } from './http';

/**
 * `npm run demo` as a user who cloned the repository runs it: from a copy of the build beside which there is no
 * `../shared`, in a working directory of its own, with nothing in its environment but the services' ports. Its cases
 * must travel the loop: submitted to intake, assigned by dispatch, answered by the department, and each hop on
 * supervision's timeline.
 */
const DEMO_CASES = 3;

describe('the demo on a fresh clone', () => {
  const stack = new ServiceStack();
  let db: Client;
  let workspace: string;
  let clone: string;

  beforeAll(async () => {
    await stack.start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    // What a fresh clone has once built: the sources' dist/, the demo's data, the installed packages; no ../shared.
    workspace = mkdtempSync(join(tmpdir(), 'ugov-fresh-clone-'));
    clone = join(workspace, 'ugov');
    cpSync(join(repoRoot, 'dist'), join(clone, 'dist'), { recursive: true });
    cpSync(join(repoRoot, 'scripts', 'demo', 'data'), join(clone, 'scripts', 'demo', 'data'), { recursive: true });
    cpSync(join(repoRoot, 'package.json'), join(clone, 'package.json'));
    symlinkSync(join(repoRoot, 'node_modules'), join(clone, 'node_modules'));
  });

  afterAll(async () => {
    await db?.end();
    await stack.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  const portOf = (service: 'intake' | 'processing' | 'supervision') => new URL(stack.url(service)).port;

  it(`carries ${DEMO_CASES} of its shipped messages through the loop, and files one by Open311`, async () => {
    expect(existsSync(join(clone, '..', 'shared'))).toBe(false);
    const { stdout } = await promisify(execFile)(process.execPath, [join(clone, 'dist', 'scripts', 'demo', 'demo.js')], {
      cwd: clone,
      env: {
        PATH: process.env.PATH,
        INTAKE_PORT: portOf('intake'),
        PROCESSING_PORT: portOf('processing'),
        SUPERVISION_PORT: portOf('supervision'),
        DEMO_CASES: String(DEMO_CASES),
      },
      timeout: 150_000,
    }).catch((error: Error & { stdout?: string; stderr?: string; signal?: string }) => {
      // Say how far the demo got: a run it had to kill shows nothing else (once seen on a busy machine).
      throw new Error(`${error.message}${error.signal ? ` (${error.signal})` : ''}\nstdout:\n${error.stdout}\nstderr:\n${error.stderr}`);
    });

    const caseIds = [...stdout.matchAll(/^ {2}case ([0-9a-f-]{36}),/gm)].map((match) => match[1]);
    expect(caseIds).toHaveLength(DEMO_CASES);
    expect(stdout).toMatch(/● Open311: POST \/open311\/v2\/requests\.json → UG\d{14}; GET requests\/UG\d{14}\.json → open/);
    const answered: string[] = [];
    for (const caseId of caseIds) {
      const { rows } = await db.query(`SELECT tracking_number FROM intake.cases WHERE id = $1`, [caseId]);
      expect(rows).toHaveLength(1);
      expect(stdout).toContain(`● ${rows[0].tracking_number}`);
      const timeline = await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/timeline`, KEYS.supervisor);
      expect(timeline.status).toBe(200);
      const hops: string[] = timeline.body.hops.map((hop: { type: string }) => hop.type);
      expect(hops[0]).toBe(Events.caseSubmitted.type);
      // A message the classifier is not sure of goes to a dispatcher (人工分拨), and the demo says so; the others loop.
      if (hops.includes(Events.caseTriaged.type)) {
        expect(stdout).toContain('→ manual triage (人工分拨)');
        continue;
      }
      expect(hops).toEqual(expect.arrayContaining([Events.caseAssigned.type, Events.assignmentSigned.type, Events.caseReplied.type]));
      // Answered with the government's real reply, as intake recorded it for the requester.
      const [reply] = await waitFor(`the reply to ${caseId} in intake`, async () => {
        const { rows: replies } = await db.query(`SELECT text FROM intake.case_replies WHERE case_id = $1`, [caseId]);
        return replies.length > 0 ? replies : undefined;
      });
      expect(stdout).toContain(`replied: ${reply.text.slice(0, 60)}`);
      answered.push(caseId);
    }
    expect(answered.length).toBeGreaterThanOrEqual(1);
  });
});
