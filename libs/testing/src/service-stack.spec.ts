import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './child-process';
import { serviceEnvironment, serviceNodeOptions } from './service-stack';

describe('the node options of the services', () => {
  it('are the same in the Kubernetes manifest as in deploy/node-options, which the scripts and tests use', () => {
    const manifest = readFileSync(join(repoRoot, 'deploy', 'kubernetes', 'ugov.yaml'), 'utf8');
    const inManifest = /^\s*NODE_OPTIONS: "([^"]*)"$/m.exec(manifest)?.[1];
    expect(inManifest?.split(/\s+/)).toEqual(serviceNodeOptions());
    expect(serviceNodeOptions()).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/)]));
  });

  it('have the environment of deploy/service-environment in the Kubernetes manifest too', () => {
    const manifest = readFileSync(join(repoRoot, 'deploy', 'kubernetes', 'ugov.yaml'), 'utf8');
    const environment = serviceEnvironment();
    expect(environment).toEqual(expect.objectContaining({ MALLOC_ARENA_MAX: '2' }));
    for (const [name, value] of Object.entries(environment)) {
      expect({ name, inManifest: new RegExp(`^\\s*${name}: "([^"]*)"$`, 'm').exec(manifest)?.[1] }).toEqual({ name, inManifest: value });
    }
  });
});
