import { Inject, Injectable, Logger } from '@nestjs/common';
import type { WorkingCalendar } from '@ugov/calendar';
import type { Sql } from '@ugov/persistence';
import { clockCommandsOf, type CaseEvent } from '../domain/clock-rules';
import { applyClockCommands, clockKeyText, measureCycles, type ClockKey } from '../domain/sla-clock';
import type { SlaDefinitions } from '../domain/sla-definitions';
import { WorkingTime } from '../domain/working-time';
import { casesWithLateEvents, clockEventsOfCases, latestCycles, saveCycles } from '../infra/sla-clock.store';
import { SLA_DEFINITIONS } from '../infra/sla-definitions.provider';
import { WORKING_CALENDAR } from '../infra/working-calendar.provider';

/**
 * Moves the SLA clocks the newly recorded events of a batch start, stop, pause or resume, in the batch's
 * transaction: nothing when no event concerns a clock (most batches), else two reads and one write. A case whose
 * event arrives after a later one of another topic (a sign-off before its assignment) has its clocks replayed from
 * the timeline in the order things happened, as `npm run sla:recalculate` does.
 */
@Injectable()
export class UpdateSlaClocksHandler {
  private readonly logger = new Logger('SlaClocks');
  private readonly time: WorkingTime;

  constructor(
    @Inject(WORKING_CALENDAR) calendar: WorkingCalendar,
    @Inject(SLA_DEFINITIONS) private readonly definitions: SlaDefinitions,
  ) {
    this.time = new WorkingTime(calendar);
  }

  async execute(events: readonly CaseEvent[], transaction: Sql, now = new Date()): Promise<void> {
    if (clockCommandsOf(events).length === 0) return;
    const late = await casesWithLateEvents(transaction, events, now);
    const replayed = late.size > 0 ? await clockEventsOfCases(transaction, [...late]) : [];
    // In the order things happened, as a replay has them: a batch interleaves topics (a reply may come before the
    // resume that preceded it).
    const inOrder = events.filter((event) => !late.has(event.caseId)).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const commands = clockCommandsOf(inOrder);
    const keys = new Map<string, ClockKey>();
    const cases = new Set<string>();
    for (const command of commands)
      if (command.kind === 'stop-case') cases.add(command.caseId);
      else keys.set(clockKeyText(command.key), command.key);
    const known = commands.length > 0 ? await latestCycles(transaction, [...keys.values()], [...cases]) : new Map();
    // The late cases from nothing: every cycle of theirs comes out of the replay.
    const moved = [...applyClockCommands(known, commands), ...applyClockCommands(new Map(), clockCommandsOf(replayed))];
    const { measured, unmatched } = measureCycles(moved, this.definitions, this.time, now);
    for (const cycle of unmatched)
      this.logger.warn(
        `no SLA definition matches ${JSON.stringify(cycle.subject)}: case ${cycle.key.caseId} gets no ${cycle.key.hop} clock`,
      );
    await saveCycles(transaction, measured, this.definitions, now);
  }
}
