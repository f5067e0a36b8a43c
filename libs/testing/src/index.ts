export * from './wait-for';
export * from './test-database';
export * from './child-process';
export * from './test-topics';
export * from './topic-reader';
export * from './throwaway-kafka';
export * from './backbone-fixture';
export * from './service-stack';
