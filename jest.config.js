// Unit specs sit beside the code; cross-process specs live in test/ (see test/jest-e2e.config.js).
const { pathsToModuleNameMapper } = require('./scripts/jest-paths');

module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts', '<rootDir>/bench'],
  testRegex: '\\.spec\\.ts$',
  // jose is an ES module only: compiled to CommonJS like our sources, as Jest's runtime cannot load it as it is.
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', require('./scripts/swc-jest.json')] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
};
