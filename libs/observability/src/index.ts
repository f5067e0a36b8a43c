export * from './trace-context';
export * from './json-logger';
export * from './metrics';
