import { Controller, Get, Headers } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { languageOf } from '@ugov/platform';
import { departmentNameOf, noticeOf, STATE_WORDS, SUBMITTED, type RequestProgress } from '../domain/request-progress';
import { CurrentRequester, RequesterRoute, type RequesterPrincipal } from '../requester-access/requester-credential.guard';
import { selfServiceRecordOf } from '../requester-self-service/self-service.record';
import { RequestStatusResponseDto } from './request-status.response.dto';

@ApiTags('requesters')
@Controller('v1/requests')
export class ReadRequestStatusHttpController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The requester's own request, proven by its tracking number and verification code, in plain words: the same for
   * a confidential request (保密 hides the requester from departments, not the request from its requester).
   */
  @Get(':trackingNumber')
  @RequesterRoute()
  // The guard checks it against the credential's tracking number.
  @ApiParam({ name: 'trackingNumber', example: 'UG20261130000042', description: 'The tracking number of the credential' })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'zh-Hans (default) or en' })
  @ApiOkResponse({ type: RequestStatusResponseDto })
  async read(
    @CurrentRequester() requester: RequesterPrincipal,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<RequestStatusResponseDto> {
    const language = languageOf(acceptLanguage);
    const [[status], replies, selfService] = await Promise.all([
      this.dataSource.query(
        `SELECT c.submitted_at, p.progress FROM intake.cases c LEFT JOIN intake.case_progress p ON p.case_id = c.id WHERE c.id = $1`,
        [requester.caseId],
      ),
      this.dataSource.query(
        `SELECT text, outcome, outcome_reason, replied_at FROM intake.case_replies WHERE case_id = $1 ORDER BY replied_at`,
        [requester.caseId],
      ),
      selfServiceRecordOf(this.dataSource, requester.caseId),
    ]);
    const progress: RequestProgress = status.progress ?? SUBMITTED;
    const state = selfService.withdrawal ? 'withdrawn' : progress.state;
    return {
      trackingNumber: requester.trackingNumber,
      state,
      stateText: STATE_WORDS[language][state],
      submittedAt: new Date(status.submitted_at).toISOString(),
      department: progress.department ? { code: progress.department.code, name: departmentNameOf(progress.department, language)! } : null,
      deadline: progress.deadline,
      extensions: progress.extensions.map((extension) => ({ ...extension })),
      clarifications: progress.clarifications.map((clarification) => ({
        question: clarification.question,
        askedAt: clarification.askedAt,
        waitUntil: clarification.waitUntil,
        waiting: clarification.resolvedAt === null,
        outcome: clarification.how,
      })),
      notice: noticeOf(progress, language),
      mergedInto: progress.mergedIntoTrackingNumber,
      deliveredAt: progress.deliveredAt,
      updatedAt: progress.updatedAt,
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
