import { loadRepeatConfig } from './repeat.config';

describe('repeat merging settings', () => {
  it('defaults to a week and a similarity of 0.5', () => {
    expect(loadRepeatConfig({})).toEqual({ windowMs: 7 * 86_400_000, threshold: 0.5 });
    expect(loadRepeatConfig({ DISPATCH_MERGE_WINDOW_DAYS: '0', DISPATCH_MERGE_SIMILARITY: '1' })).toEqual({ windowMs: 0, threshold: 1 });
  });

  it('names every wrong setting', () => {
    expect(() => loadRepeatConfig({ DISPATCH_MERGE_WINDOW_DAYS: '1.5', DISPATCH_MERGE_SIMILARITY: '0' })).toThrow(
      /DISPATCH_MERGE_WINDOW_DAYS: must be .* got "1.5"\n\s+DISPATCH_MERGE_SIMILARITY: must be .* got "0"/,
    );
  });
});
