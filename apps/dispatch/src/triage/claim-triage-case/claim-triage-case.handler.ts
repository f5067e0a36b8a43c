import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@ugov/platform';
import { claimTriageCase } from '../../domain/triage/triage-case';
import { TriageCaseEntity } from '../../infra/triage-case.entity';
import { changeTriageCase } from '../../infra/triage-case.repository';

/** A dispatcher takes a case from the queue; another dispatcher's claim is a conflict. */
@Injectable()
export class ClaimTriageCaseHandler {
  constructor(private readonly dataSource: DataSource) {}

  execute(caseId: string, dispatcher: Principal): Promise<TriageCaseEntity> {
    return changeTriageCase(this.dataSource, caseId, async (triage, transaction) => {
      const claimed = claimTriageCase(triage, dispatcher.subject, new Date());
      if (claimed !== triage)
        await transaction
          .getRepository(TriageCaseEntity)
          .update(caseId, { status: claimed.status, claimedBy: claimed.claimedBy, claimedAt: claimed.claimedAt });
      return claimed;
    });
  }
}
