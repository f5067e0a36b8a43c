export * from './principal';
export * from './api-keys';
export * from './auth.config';
export * from './access.decorators';
export * from './access.guard';
export * from './route-declarations';
export * from './staff-tokens';
export * from './actor';
