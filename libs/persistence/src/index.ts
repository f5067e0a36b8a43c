export * from './service-database';
