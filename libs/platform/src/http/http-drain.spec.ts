import { HttpDrain } from './http-drain';

describe('HttpDrain', () => {
  it('closes at once when nothing is in flight', async () => {
    const drain = new HttpDrain();
    await drain.close();
    expect(drain.isClosing).toBe(true);
  });

  it('waits for the requests in flight, counting each one once', async () => {
    const drain = new HttpDrain();
    const first = drain.begin();
    const second = drain.begin();
    let closed = false;
    const closing = drain.close().then(() => (closed = true));
    first();
    first();
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    second();
    await closing;
    expect(closed).toBe(true);
  });

  it('is full at its limit, and has room again once a request finishes', () => {
    const drain = new HttpDrain(2);
    const first = drain.begin();
    expect(drain.isFull).toBe(false);
    drain.begin();
    expect(drain.isFull).toBe(true);
    first();
    expect(drain.isFull).toBe(false);
  });
});
