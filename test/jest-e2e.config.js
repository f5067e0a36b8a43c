// Cross-process tests: real Kafka, real PostgreSQL, services as child processes.
const { pathsToModuleNameMapper } = require('../scripts/jest-paths');

module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/test'],
  testRegex: '\\.e2e-spec\\.ts$',
  // jose is an ES module only: compiled to CommonJS like our sources, as Jest's runtime cannot load it as it is.
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', require('../scripts/swc-jest.json')] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  testTimeout: 180000,
  // Every service runs in a process of its own that the specs stop; a Kafka client a spec left open in this process
  // (once seen: one broker connection, after all 1,078 tests had passed) must not hold the run open for ever.
  forceExit: true,
};
