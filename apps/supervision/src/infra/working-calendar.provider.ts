import { Logger, type Provider } from '@nestjs/common';
import { loadWorkingCalendar } from '@ugov/calendar';

export const WORKING_CALENDAR = Symbol('WORKING_CALENDAR');

/** The one working-day calendar (libs/calendar), built at start-up so that a bad override file stops the service. */
export const workingCalendarProvider: Provider = {
  provide: WORKING_CALENDAR,
  useFactory: () => {
    const logger = new Logger('WorkingCalendar');
    return loadWorkingCalendar((message) => logger.warn(message));
  },
};
