import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@ugov/platform';
import { releaseTriageCase } from '../../domain/triage/triage-case';
import { TriageCaseEntity } from '../../infra/triage-case.entity';
import { changeTriageCase } from '../../infra/triage-case.repository';

/** The claimant puts the case back in the queue, for another dispatcher. */
@Injectable()
export class ReleaseTriageCaseHandler {
  constructor(private readonly dataSource: DataSource) {}

  execute(caseId: string, dispatcher: Principal): Promise<TriageCaseEntity> {
    return changeTriageCase(this.dataSource, caseId, async (triage, transaction) => {
      const released = releaseTriageCase(triage, dispatcher.subject);
      await transaction.getRepository(TriageCaseEntity).update(caseId, { status: released.status, claimedBy: null, claimedAt: null });
      return released;
    });
  }
}
