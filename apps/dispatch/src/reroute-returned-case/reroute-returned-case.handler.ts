import { Injectable, Logger } from '@nestjs/common';
import { Events, timestampDate, timestampFromDate } from '@ugov/contracts';
import { contextOfEvent, encodeEvent, OutboxWriter, type DecodedEvent } from '@ugov/messaging';
import type { Sql } from '@ugov/persistence';
import { afterReturn } from '../domain/returns';
import { openArbitration } from '../infra/arbitrations.repository';
import { caseFile } from '../infra/case-files.repository';
import { CatalogVersions } from '../infra/catalog-versions';
import { recordReturnExample } from '../infra/labelled-examples.repository';
import { lockStandingDecision, Reassignments } from '../infra/reassignments';
import { ReturnsConfig } from './returns.config';

type Returned = DecodedEvent<typeof Events.assignmentReturned>;

/**
 * A department returned its assignment (退单): the case goes to the departments routing finds without any that
 * returned it (改派), or, returned too often or with nobody left, to a dispatcher (派单争议审核). Only a lead's return
 * moves the case; a co-handler's or a copy's is recorded and the lead carries on. A re-routed case becomes a labelled
 * example (the domain of the category it now stands under) for the classifier's next training.
 */
@Injectable()
export class RerouteReturnedCaseHandler {
  private readonly logger = new Logger(RerouteReturnedCaseHandler.name);

  constructor(
    private readonly catalogs: CatalogVersions,
    private readonly reassignments: Reassignments,
    private readonly outbox: OutboxWriter,
    private readonly config: ReturnsConfig,
  ) {}

  async execute(events: readonly Returned[], transaction: Sql): Promise<void> {
    await this.catalogs.refresh(transaction);
    // One at a time: two returns of one case in a batch each see the other's effects.
    for (const event of events) await this.reroute(event, transaction);
  }

  private async reroute({ body, envelope }: Returned, transaction: Sql): Promise<void> {
    const correlationId = envelope.correlationId;
    const decision = await lockStandingDecision(transaction, body.caseId);
    const [returned] = decision
      ? await transaction.query(
          `UPDATE dispatch.assignments SET returned_at = $3, return_reason = $4
            WHERE assignment_id = $1 AND case_id = $2 AND returned_at IS NULL RETURNING department_code, role, arbitrated`,
          [body.assignmentId, body.caseId, body.returnedAt ? timestampDate(body.returnedAt) : new Date(), body.reason],
        )
      : [];
    if (!decision || !returned) {
      this.logger.warn({
        msg: `return of assignment ${body.assignmentId} (case ${body.caseId}) matches no open dispatch assignment`,
        correlationId,
      });
      return;
    }
    if (returned.role !== 'lead') {
      this.logger.log({
        msg: `${returned.department_code} returned its ${returned.role} part of case ${body.caseId}; the lead carries on`,
        correlationId,
      });
      return;
    }
    if (returned.arbitrated) {
      this.logger.warn({
        msg: `${returned.department_code} returned case ${body.caseId}, assigned by a final arbitration: not re-routed`,
        correlationId,
      });
      return;
    }
    const [{ returns }] = await transaction.query(
      `UPDATE dispatch.decisions SET returns = returns + 1 WHERE case_id = $1 RETURNING returns`,
      [body.caseId],
    );
    const parts: { department_code: string; role: string; returned_at: Date | null }[] = await transaction.query(
      `SELECT department_code, role, returned_at FROM dispatch.assignments WHERE case_id = $1`,
      [body.caseId],
    );
    const returnedBy = new Set(parts.filter((part) => part.returned_at).map((part) => part.department_code));
    const stillHolding = new Set(parts.filter((part) => !part.returned_at && part.role !== 'copy').map((part) => part.department_code));
    const file = await caseFile(transaction, body.caseId);
    const catalog = file && this.catalogs.inForceAt(file.acceptedAt).catalog;
    const category = catalog?.category(decision.categoryCode);
    const region = catalog?.region(decision.regionCode);
    const next =
      catalog && category && region
        ? afterReturn({ category, region, returns, returnedBy, stillHolding }, catalog, this.config.returnsBeforeArbitration)
        : { kind: 'arbitration' as const, reason: 'the case was dispatched before dispatch kept what it needs to route it again' };

    if (next.kind === 'arbitration') {
      const openedAt = new Date();
      const opened = await openArbitration(transaction, {
        caseId: body.caseId,
        openedAt,
        reason: next.reason,
        returns,
        returnedBy: [...returnedBy],
      });
      if (opened)
        await this.outbox.appendAll(transaction, [
          encodeEvent(
            Events.arbitrationOpened,
            body.caseId,
            {
              caseId: body.caseId,
              reason: next.reason,
              returns,
              returnedByDepartmentCodes: [...returnedBy],
              openedAt: timestampFromDate(openedAt),
              trackingNumber: file?.trackingNumber ?? '',
            },
            contextOfEvent(envelope),
          ),
        ]);
      this.logger.log({ msg: `case ${body.caseId} goes to arbitration: ${next.reason}`, correlationId });
      return;
    }
    await this.reassignments.assign(
      transaction,
      file!,
      { ...decision, returns },
      next.planned.assignments,
      next.planned.mode,
      {
        reason: body.reason,
        returnedAssignmentId: body.assignmentId,
        returnedByDepartmentCode: returned.department_code,
        arbitrated: false,
        decidedBy: '',
      },
      contextOfEvent(envelope),
    );
    await recordReturnExample(transaction, {
      caseId: body.caseId,
      text: file!.description,
      domain: catalog!.domainOf(category!).names['zh-Hans'],
      categoryCode: category!.code,
      decidedBy: returned.department_code,
      recordedAt: new Date(),
    });
    this.logger.log({
      msg: `case ${body.caseId} returned by ${returned.department_code} (${returns}), re-routed to ${next.planned.assignments.map(({ department, role }) => `${department.code} as ${role}`).join(', ')}`,
      correlationId,
    });
  }
}
