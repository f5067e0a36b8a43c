// Cross-process tests: real Kafka, real PostgreSQL, services as child processes.
const { pathsToModuleNameMapper } = require('../scripts/jest-paths');

module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/test'],
  testRegex: '\\.e2e-spec\\.ts$',
  transform: { '^.+\\.ts$': ['@swc/jest', require('../scripts/swc-jest.json')] },
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 180000,
};
