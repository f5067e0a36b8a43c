export * from './domain-error';
export * from './masking';
