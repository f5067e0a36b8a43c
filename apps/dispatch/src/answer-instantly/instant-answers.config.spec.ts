import { loadInstantAnswersConfig } from './instant-answers.config';

describe('DISPATCH_INSTANT_ANSWER_CONFIDENCE', () => {
  it('defaults to 0.8', () => {
    expect(loadInstantAnswersConfig({})).toEqual({ confidence: 0.8 });
    expect(loadInstantAnswersConfig({ DISPATCH_INSTANT_ANSWER_CONFIDENCE: '1.01' })).toEqual({ confidence: 1.01 });
  });

  it('refuses a confidence too low to answer for a department, or not a number', () => {
    for (const raw of ['0.3', 'high', '2'])
      expect(() => loadInstantAnswersConfig({ DISPATCH_INSTANT_ANSWER_CONFIDENCE: raw })).toThrow(
        `DISPATCH_INSTANT_ANSWER_CONFIDENCE: must be a number from 0.5 to 1 (or 1.01 for no instant answers), got "${raw}"`,
      );
  });
});
