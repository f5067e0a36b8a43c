// Unit specs sit beside the code; cross-process specs live in test/ (see test/jest-e2e.config.js).
const { pathsToModuleNameMapper } = require('./scripts/jest-paths');

module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts'],
  testRegex: '\\.spec\\.ts$',
  transform: { '^.+\\.ts$': ['@swc/jest', require('./scripts/swc-jest.json')] },
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
};
