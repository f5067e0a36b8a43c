import type { DataSource } from 'typeorm';
import type { CaseEntity } from './case.entity';
import { CaseGroupCommit, MAX_CONCURRENT_COMMITS } from './case.group-commit';
import type { CaseDraft, CaseWriter } from './case.writer';

/** A writer that records each transaction's drafts and lets the test decide when the commit ends. */
function recordingWriter() {
  const commits: { caseIds: string[]; finish: (error?: Error) => void }[] = [];
  const writer = {
    insert: (_transaction: unknown, drafts: readonly CaseDraft[]) =>
      new Promise<CaseEntity[]>((resolve, reject) => {
        commits.push({
          caseIds: drafts.map((draft) => draft.caseId),
          finish: (error) => (error ? reject(error) : resolve(drafts.map((draft) => ({ id: draft.caseId }) as CaseEntity))),
        });
      }),
  } as unknown as CaseWriter;
  // Never queried: the recording writer stands in for the statement.
  const dataSource = { driver: { master: {} } } as unknown as DataSource;
  return { commits, groupCommit: new CaseGroupCommit(dataSource, writer) };
}

const draft = (caseId: string) => ({ caseId }) as CaseDraft;
const tick = () => new Promise((resolve) => setImmediate(resolve));
const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

describe('CaseGroupCommit', () => {
  it('writes each case at once while a commit slot is free', async () => {
    const { commits, groupCommit } = recordingWriter();
    const written = ids(MAX_CONCURRENT_COMMITS, 'a').map((id) => groupCommit.write(draft(id)));
    await tick();
    expect(commits.map((commit) => commit.caseIds)).toEqual(ids(MAX_CONCURRENT_COMMITS, 'a').map((id) => [id]));
    commits.forEach((commit) => commit.finish());
    await expect(Promise.all(written)).resolves.toEqual(ids(MAX_CONCURRENT_COMMITS, 'a').map((id) => ({ id })));
  });

  it('puts the cases that arrive while every slot is busy into one next commit', async () => {
    const { commits, groupCommit } = recordingWriter();
    const first = ids(MAX_CONCURRENT_COMMITS, 'a').map((id) => groupCommit.write(draft(id)));
    await tick();
    const later = ['b', 'c', 'd'].map((id) => groupCommit.write(draft(id)));
    await tick();
    expect(commits).toHaveLength(MAX_CONCURRENT_COMMITS);
    commits[0].finish();
    await first[0];
    await tick();
    expect(commits[MAX_CONCURRENT_COMMITS].caseIds).toEqual(['b', 'c', 'd']);
    commits.slice(1).forEach((commit) => commit.finish());
    await expect(Promise.all(later)).resolves.toEqual([{ id: 'b' }, { id: 'c' }, { id: 'd' }]);
  });

  it('fails every case of a failed commit, and goes on with the next ones', async () => {
    const { commits, groupCommit } = recordingWriter();
    const first = ids(MAX_CONCURRENT_COMMITS, 'a').map((id) => groupCommit.write(draft(id)));
    await tick();
    const waiting = [groupCommit.write(draft('b')), groupCommit.write(draft('c'))];
    commits[0].finish(new Error('database is down'));
    await expect(first[0]).rejects.toThrow('database is down');
    await tick();
    commits.slice(1).forEach((commit) => commit.finish());
    await Promise.all(first.slice(1));
    await expect(Promise.all(waiting)).resolves.toEqual([{ id: 'b' }, { id: 'c' }]);
  });

  it('writes the cases of a commit refused for one case alone, so only that case fails', async () => {
    const { commits, groupCommit } = recordingWriter();
    const first = ids(MAX_CONCURRENT_COMMITS, 'a').map((id) => groupCommit.write(draft(id)));
    await tick();
    const outcomes = Promise.allSettled(['b', 'c', 'd'].map((id) => groupCommit.write(draft(id))));
    commits.forEach((commit) => commit.finish());
    await Promise.all(first);
    await tick();
    const refused = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    commits[MAX_CONCURRENT_COMMITS].finish(refused);
    for (const caseId of ['b', 'c', 'd']) {
      await tick();
      const alone = commits[commits.length - 1];
      expect(alone.caseIds).toEqual([caseId]);
      alone.finish(caseId === 'c' ? refused : undefined);
    }
    expect((await outcomes).map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
