import { PollLoop } from './poll-loop';

describe('PollLoop', () => {
  it('runs rounds one after another, goes on after a failing one, and stops after the round in flight', async () => {
    const events: string[] = [];
    let rounds = 0;
    const errors: string[] = [];
    const loop = new PollLoop(
      5,
      async () => {
        rounds += 1;
        events.push(`start ${rounds}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
        events.push(`end ${rounds}`);
        if (rounds === 2) throw new Error('round 2 failed');
      },
      (error) => errors.push(error.message),
    );
    loop.start();
    for (let waited = 0; rounds < 3 && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await loop.stop();
    const after = rounds;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(rounds).toBe(after);
    expect(rounds).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual(['round 2 failed']);
    // Never two rounds at once: every start is followed by its own end.
    for (let index = 0; index < events.length - 1; index += 2) expect(events[index + 1]).toBe(events[index].replace('start', 'end'));
  });
});
