export * from './calendar-overrides';
export * from './china-time';
export * from './working-calendar';
