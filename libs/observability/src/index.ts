export * from './trace-context';
export * from './random-block';
export * from './json-logger';
export * from './metrics';
