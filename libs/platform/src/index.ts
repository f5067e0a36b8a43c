export * from './config';
export * from './tokens';
export * from './auth/api-keys';
export * from './auth/api-key.guard';
export * from './http/problem';
export * from './http/problem.openapi';
export * from './platform.module';
export * from './bootstrap';
