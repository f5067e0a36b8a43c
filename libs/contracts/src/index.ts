export * from './events';
export * from './gen/ugov/intake/v1/case_submitted_pb';
export * from './gen/ugov/dispatch/v1/dispatch_events_pb';
export * from './gen/ugov/processing/v1/processing_events_pb';
export * from './gen/ugov/publication/v1/publication_events_pb';
export * from './gen/ugov/backbone/v1/event_parked_pb';
export * from './gen/ugov/supervision/v1/sla_events_pb';
export { timestampFromDate, timestampDate } from '@bufbuild/protobuf/wkt';
export * from './enums';
