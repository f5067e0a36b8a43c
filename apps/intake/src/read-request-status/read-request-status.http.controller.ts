import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { stateOfRank } from '../domain/request-progress';
import { CurrentRequester, RequesterRoute, type RequesterPrincipal } from '../requester-access/requester-credential.guard';
import { selfServiceRecordOf } from '../requester-self-service/self-service.record';
import { RequestStatusResponseDto } from './request-status.response.dto';

@ApiTags('requesters')
@Controller('v1/requests')
export class ReadRequestStatusHttpController {
  constructor(private readonly dataSource: DataSource) {}

  /** The requester's own request, proven by its tracking number and verification code. */
  @Get(':trackingNumber')
  @RequesterRoute()
  // The guard checks it against the credential's tracking number.
  @ApiParam({ name: 'trackingNumber', example: 'UG20261130000042', description: 'The tracking number of the credential' })
  @ApiOkResponse({ type: RequestStatusResponseDto })
  async read(@CurrentRequester() requester: RequesterPrincipal): Promise<RequestStatusResponseDto> {
    const [[status], replies, selfService] = await Promise.all([
      this.dataSource.query(
        `SELECT c.submitted_at, p.state_rank, p.department_code, p.department_name, p.deadline
           FROM intake.cases c LEFT JOIN intake.case_progress p ON p.case_id = c.id WHERE c.id = $1`,
        [requester.caseId],
      ),
      this.dataSource.query(
        `SELECT text, outcome, outcome_reason, replied_at FROM intake.case_replies WHERE case_id = $1 ORDER BY replied_at`,
        [requester.caseId],
      ),
      selfServiceRecordOf(this.dataSource, requester.caseId),
    ]);
    return {
      trackingNumber: requester.trackingNumber,
      state: stateOfRank(status.state_rank ?? 0),
      submittedAt: new Date(status.submitted_at).toISOString(),
      department: status.department_code ? { code: status.department_code, name: status.department_name } : null,
      deadline: status.deadline ? new Date(status.deadline).toISOString() : null,
      replies: replies.map((reply: { text: string; outcome: string; outcome_reason: string | null; replied_at: Date }) => ({
        text: reply.text,
        outcome: reply.outcome,
        reason: reply.outcome_reason,
        repliedAt: new Date(reply.replied_at).toISOString(),
      })),
      ...selfService,
    };
  }
}
