import { createServer } from 'node:net';
import { freePorts } from './child-process';

describe('freePorts', () => {
  it('hands out ports that are all different and that a server can listen on', async () => {
    const ports = await freePorts(40);
    expect(new Set(ports).size).toBe(40);
    for (const port of ports) {
      await new Promise<void>((resolve, reject) => {
        const server = createServer()
          .once('error', reject)
          .listen(port, '127.0.0.1', () => server.close(() => resolve()));
      });
    }
  });
});
