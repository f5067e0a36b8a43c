import { Injectable, Logger } from '@nestjs/common';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { DataSource, type EntityManager } from 'typeorm';
import { Events, PauseEnd, PauseKind, timestampFromDate, type EventDefinition } from '@ugov/contracts';
import { OutboxWriter } from '@ugov/messaging';
import { actorOf, actsForDepartment, describePrincipal, type Principal } from '@ugov/platform';
import {
  clarificationExpired,
  pauseHandling,
  resumeHandling,
  type PauseEnd as ResumedBy,
  type PauseKind as PausedFor,
} from '../domain/assignment-workflow';
import type { AssignmentEntity } from './assignment.entity';
import { changeAssignment, lockAssignment, saveAssignment } from './assignment.repository';
import { DepartmentStreams, type CommandResultInit } from './department-streams';

/** A command on one assignment: which, who asks, and what they sent (the request DTO, validated at the edge). */
export class AssignmentCommand<Request = undefined> {
  constructor(
    readonly assignmentId: string,
    readonly caller: Principal,
    readonly request: Request,
  ) {}
}

/** Who changed an assignment, as events name them (`ugov.backbone.v1.Actor`). */
export type Actor = ReturnType<typeof actorOf>;

/** Processing itself, when time alone changes an assignment (a clarification wait that ran out). */
export const SYSTEM_ACTOR: Actor = { subject: 'processing', roles: ['system'], departmentCode: '', keyId: '' };

export interface PendingEvent {
  readonly definition: EventDefinition;
  readonly body: Record<string, unknown>;
}

/** An event of a transition; the runner adds who did it (`actor`). */
export function eventOf<Def extends EventDefinition>(
  definition: Def,
  body: Omit<MessageInitShape<Def['schema']>, 'actor' | '$typeName'>,
): PendingEvent {
  return { definition, body: body as Record<string, unknown> };
}

/**
 * A pause (for the requester's clarification, until `until`, or for a third party's opinion, open-ended) as a
 * transition: the assignment paused, and its `handling-paused` event.
 */
export function pausedHandling(
  assignment: AssignmentEntity,
  pause: { kind: PausedFor; question: string; until: Date | null },
  at: Date,
): Transition {
  const paused = pauseHandling(assignment, pause, at);
  const event = eventOf(Events.handlingPaused, {
    ...assignmentRefOf(paused),
    kind: pause.kind === 'clarification' ? PauseKind.CLARIFICATION : PauseKind.CONSULTATION,
    question: pause.question,
    pausedAt: timestampFromDate(at),
    ...(pause.until ? { waitUntil: timestampFromDate(pause.until) } : {}),
  });
  return { changed: [paused], events: [event] };
}

/** How each end of a pause is spelt in `handling-resumed`. */
const RESUMED_BY: Record<ResumedBy, { kind: PauseKind; how: PauseEnd }> = {
  answered: { kind: PauseKind.CLARIFICATION, how: PauseEnd.ANSWERED },
  expired: { kind: PauseKind.CLARIFICATION, how: PauseEnd.EXPIRED },
  ended: { kind: PauseKind.CONSULTATION, how: PauseEnd.ENDED },
};

/**
 * The end of a pause (the requester's clarification answered or its wait run out, a third party's consultation
 * ended) as a transition: the assignment resumed, and its `handling-resumed` event. A wait that ran out resumes at its
 * end, not when it was noticed.
 */
export function resumedHandling(assignment: AssignmentEntity, by: ResumedBy, at: Date, answer = ''): Transition {
  const resumedAt = by === 'expired' ? assignment.pause!.until! : at;
  const resumed = resumeHandling(assignment, by, at);
  const event = eventOf(Events.handlingResumed, {
    ...assignmentRefOf(resumed),
    ...RESUMED_BY[by],
    answer,
    resumedAt: timestampFromDate(resumedAt),
    deadline: timestampFromDate(resumed.deadline),
  });
  return { changed: [resumed], events: [event] };
}

export interface Transition {
  /** The assignment as it is now, and any other assignment the change touched (a lead's co-handler list, say). */
  readonly changed: readonly AssignmentEntity[];
  readonly events: readonly PendingEvent[];
  /**
   * The CloudEvents type to show on the department's stream when the change has no event of processing's own (the
   * requester's withdrawal or supplement: intake's event says it); without it, a change with no event is not saved.
   */
  readonly change?: string;
}

export interface TransitionContext {
  readonly at: Date;
  readonly transaction: EntityManager;
  /** Locks another assignment of the same case (a lead, a co-handler) for this transaction, whoever's it is. */
  readonly lock: (id: string) => Promise<AssignmentEntity>;
}

export interface RunOptions {
  /** Run inside this transaction (as a savepoint), as a command from the department's Kafka topic does. */
  readonly within?: EntityManager;
  /** The result of the department's command, to go on its stream with the assignment. */
  readonly result?: CommandResultInit;
  /** Who acted, when it is not the caller: the requester, whose event from intake caused the change. */
  readonly actor?: Actor;
}

/**
 * Every workflow command goes through here: the assignment is locked (and must be the caller's, if the caller is a
 * department), a clarification wait that ran out is ended first, then the domain transition runs; the rows it
 * changed and its events (naming the actor) commit in one transaction, the events through the outbox. A department
 * integrated over Kafka gets the assignment as it now stands on its own stream, in the same transaction.
 */
@Injectable()
export class AssignmentTransitions {
  private readonly logger = new Logger(AssignmentTransitions.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly streams: DepartmentStreams,
  ) {}

  /** `caller` null: processing itself, on time's account (see ResumeExpiredClarifications). */
  run(
    assignmentId: string,
    caller: Principal | null,
    transition: (assignment: AssignmentEntity, context: TransitionContext) => Transition | Promise<Transition>,
    options: RunOptions = {},
  ): Promise<AssignmentEntity> {
    return changeAssignment(options.within ?? this.dataSource, assignmentId, caller, async (assignment, transaction) => {
      const at = new Date();
      const current = await this.endExpiredWait(assignment, transaction, at);
      const lock = (id: string) => lockAssignment(transaction, id, null);
      const { changed, events, change } = await transition(current, { at, transaction, lock });
      const department = caller && actsForDepartment(caller, assignment.departmentCode) ? assignment.departmentCode : '';
      const actor = options.actor ?? (caller ? actorOf(caller, department) : SYSTEM_ACTOR);
      await this.commit(transaction, changed, events, actor, options.result, change);
      for (const event of events)
        this.logger.log(`${caller ? describePrincipal(caller) : 'processing'}: ${event.definition.type} on assignment ${assignmentId}`);
      return changed[0];
    });
  }

  /** A wait for the requester's clarification that ran out ends at its end, whatever the command that finds it. */
  private async endExpiredWait(assignment: AssignmentEntity, transaction: EntityManager, at: Date): Promise<AssignmentEntity> {
    if (!clarificationExpired(assignment, at)) return assignment;
    const { changed, events } = resumedHandling(assignment, 'expired', at);
    await this.commit(transaction, changed, events, SYSTEM_ACTOR);
    return changed[0];
  }

  private async commit(
    transaction: EntityManager,
    changed: readonly AssignmentEntity[],
    events: readonly PendingEvent[],
    actor: Actor,
    result?: CommandResultInit,
    change?: string,
  ): Promise<void> {
    if (events.length === 0 && !change) return;
    for (const assignment of changed) await saveAssignment(transaction, assignment);
    for (const event of events) {
      await this.outbox.append(transaction, event.definition, changed[0].caseId, { ...event.body, actor } as never);
    }
    await this.streams.appendSnapshots(transaction, changed, change ?? events[events.length - 1]?.definition.type ?? '', result);
  }
}

/** The fields every assignment event starts with. */
export const assignmentRefOf = (assignment: AssignmentEntity) => ({
  caseId: assignment.caseId,
  assignmentId: assignment.id,
  departmentCode: assignment.departmentCode,
});
