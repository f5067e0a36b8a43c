import { ArgumentError, parseReplayArguments } from './replay-arguments';

function problemsOf(argv: string[]): string {
  try {
    parseReplayArguments(argv);
  } catch (error) {
    if (error instanceof ArgumentError) return error.message;
    throw error;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('the arguments of dlq:replay', () => {
  it('take a topic, and a time to start from', () => {
    expect(parseReplayArguments(['--topic', 'intake.case-submitted.v1'])).toEqual({ topic: 'intake.case-submitted.v1' });
    expect(parseReplayArguments(['--topic=dispatch.case-assigned.v1', '--since', '2025-03-01T08:00:00Z'])).toEqual({
      topic: 'dispatch.case-assigned.v1',
      since: new Date('2025-03-01T08:00:00Z'),
    });
    expect(parseReplayArguments(['--since=2025-03-01T08:00:00.250+08:00', '--topic', 'x.y.v1'])).toMatchObject({
      since: new Date('2025-03-01T00:00:00.250Z'),
    });
    expect(parseReplayArguments(['--help'])).toBe('help');
  });

  it('name what is wrong', () => {
    expect(problemsOf([])).toBe('--topic is required');
    expect(problemsOf(['--topic'])).toBe('--topic needs a value');
    expect(problemsOf(['--topic', '--since', '2025-03-01'])).toBe('--topic needs a value');
    expect(problemsOf(['--topic', 'intake.case-submitted.v1.dlq'])).toContain('use intake.case-submitted.v1');
    expect(problemsOf(['--topic', 'no spaces'])).toContain('is not a topic name');
    expect(problemsOf(['--topic', 'a.b.v1', '--since', 'yesterday'])).toContain('--since "yesterday" is not an ISO 8601 time');
    expect(problemsOf(['--topic', 'a.b.v1', '--since', '2025-02-30T25:00'])).toContain('is not an ISO 8601 time');
    expect(problemsOf(['--topic', 'a.b.v1', '--topic', 'c.d.v1'])).toBe('--topic is given twice');
  });

  it('name every problem at once, unknown options included', () => {
    expect(problemsOf(['--tpoic', 'a.b.v1', 'extra', '--since', 'soon']).split('\n')).toEqual([
      'unknown option --tpoic',
      'unexpected argument "a.b.v1"',
      'unexpected argument "extra"',
      '--topic is required',
      '--since "soon" is not an ISO 8601 time such as 2025-03-01T08:00:00Z',
    ]);
  });
});
