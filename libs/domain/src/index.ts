export * from './domain-error';
export * from './masking';
export * from './retry-and-signature';
export * from './rate-limiter';
export * from './answer-languages';
export * from './version-in-force';
