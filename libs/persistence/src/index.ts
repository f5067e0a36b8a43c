export * from './service-database';
export * from './sql';
