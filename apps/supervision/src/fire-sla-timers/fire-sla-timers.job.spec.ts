import { ConfigError } from '@ugov/platform';
import { timerPollMs } from './fire-sla-timers.job';

describe('SLA_TIMER_POLL_MS', () => {
  it('defaults to 250 ms and takes a whole number from 50 to 5000', () => {
    expect(timerPollMs({})).toBe(250);
    expect(timerPollMs({ SLA_TIMER_POLL_MS: '' })).toBe(250);
    expect(timerPollMs({ SLA_TIMER_POLL_MS: '100' })).toBe(100);
  });

  it.each(['0', '49', '5001', '1.5', 'often', '-100'])('refuses %j, naming the setting', (raw) => {
    expect(() => timerPollMs({ SLA_TIMER_POLL_MS: raw })).toThrow(ConfigError);
    expect(() => timerPollMs({ SLA_TIMER_POLL_MS: raw })).toThrow(/^SLA_TIMER_POLL_MS: /);
  });
});
