import { ConfigError } from '@ugov/platform';
import { loadTrackingAttemptLimits } from './tracking-attempts.config';

describe('loadTrackingAttemptLimits', () => {
  it('has defaults', () => {
    expect(loadTrackingAttemptLimits({})).toEqual({ perTrackingNumber: 10, perClientAddress: 100, windowSeconds: 900 });
  });

  it('names every wrong setting', () => {
    const env = { INTAKE_TRACKING_FAILURES_PER_NUMBER: '0', INTAKE_TRACKING_FAILURE_WINDOW_SECONDS: 'soon' };
    expect(() => loadTrackingAttemptLimits(env)).toThrow(ConfigError);
    expect(() => loadTrackingAttemptLimits(env)).toThrow(/INTAKE_TRACKING_FAILURES_PER_NUMBER[\s\S]*INTAKE_TRACKING_FAILURE_WINDOW_SECONDS/);
  });
});
