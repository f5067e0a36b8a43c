import { ArgumentError, parseVerifyArguments } from './verify-arguments';

describe('audit:verify arguments', () => {
  const hash = 'ab'.repeat(32);

  it('takes any number of anchors', () => {
    expect(parseVerifyArguments([])).toEqual({ anchors: [] });
    expect(parseVerifyArguments(['--anchor', `12:${hash}`, '--anchor', `3:${hash.toUpperCase()}`])).toEqual({
      anchors: [
        { seq: 12, entryHash: Buffer.from(hash, 'hex') },
        { seq: 3, entryHash: Buffer.from(hash, 'hex') },
      ],
    });
    expect(parseVerifyArguments(['--help'])).toBe('help');
  });

  it.each([
    [['--anchor']],
    [['--anchor', `0:${hash}`]],
    [['--anchor', `12:${hash.slice(2)}`]],
    [['--anchor', hash]],
    [['--since', 'yesterday']],
  ])('refuses %j', (argv) => {
    expect(() => parseVerifyArguments(argv)).toThrow(ArgumentError);
  });
});
