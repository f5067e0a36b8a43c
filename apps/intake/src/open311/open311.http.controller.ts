import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  type OnModuleInit,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUUID } from 'class-validator';
import { DataSource, type Repository } from 'typeorm';
import {
  actorOf,
  Allow,
  answerProblemsUnder,
  ApiKeyParameter,
  channelProblem,
  CurrentPrincipal,
  DiscriminatedBodyPipe,
  ForbiddenFieldError,
  languageOf,
  type Language,
  Operation,
  Public,
  type Principal,
} from '@ugov/platform';
import type { CaseSubmission } from '../domain/case-submission';
import { open311ServiceOf, open311Services } from '../domain/open311-services';
import { CLOSED_STATES, Open311ParameterError, searchWindowOf } from '../domain/open311.rules';
import {
  closesRequest,
  updateWordsOf,
  withdrawalWordsOf,
  type RequestProgress,
  type UpdateDetails,
  type UpdateKind,
} from '../domain/request-progress';
import { CaseEntity } from '../infra/case.entity';
import { PersonalDataCipher } from '../infra/personal-data/personal-data.cipher';
import { SubmitCaseCommand } from '../submit-case/submit-case.command';
import { SubmitCaseHandler } from '../submit-case/submit-case.handler';
import { idempotencyKeyOf } from '../submit-case/submit-case.http.controller';
import { CASE_REQUEST_CLASSES } from '../submit-case/submit-case.request.dto';
import { Open311Error, Open311ErrorFilter, sendProblemAsOpen311 } from './open311.errors';
import { formatOf, sendOpen311, splitFile, type Open311Format } from './open311.format';
import { serviceDefinitionOf, serviceListEntryOf, serviceRequestOf, submissionOf, type Open311Form } from './open311.mapping';

/**
 * An Open311 route for integrators: the platform's one access guard, taking the key as GeoReport's `api_key` (in the
 * form of a POST, in the query of a GET) as well as from the Authorization header.
 */
const Open311Integrator = (operation: 'submit-case' | 'read-case') =>
  applyDecorators(Allow('integrator'), Operation(operation), ApiKeyParameter());

type QueryParameters = Readonly<Record<string, string | string[] | undefined>>;

/** When this endpoint's behaviour last changed, for discovery. */
const CHANGESET = '2026-11-30T00:00:00Z';
/** Most requests one GET answers with, newest first. */
const MAX_RESULTS = 1000;

/** The format the route's own path ends with; another extension is a 404, as for a path that does not exist. */
function formatOfRequest(request: FastifyRequest): Open311Format {
  const format = formatOf(request.url.split('?')[0]);
  if (!format) throw Open311Error.of(404, 'send .json or .xml');
  return format;
}

function fileOf(file: string): { name: string; format: Open311Format } {
  const split = splitFile(file);
  if (!split) throw Open311Error.of(404, 'send .json or .xml');
  return split;
}

/** A comma-separated list parameter (the spec's way of sending several ids, codes or statuses). */
function listOf(query: QueryParameters, name: string): string[] | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value.join(',') : value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length > 100) throw new Open311ParameterError(name, `${name} lists at most 100 values`);
  return items;
}

const single = (query: QueryParameters, name: string): string | undefined => {
  const value = query[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
};

/**
 * GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2, plus the servicerequestupdates extension.
 * A POST goes to the same submission handler as POST /v1/cases, through the same rules; errors are the spec's arrays.
 * Discovery and the service list are public; requests, tokens and updates need an integrator's api_key, and show
 * only that integrator's own requests (as GET /v1/cases/{id} does).
 */
@ApiExcludeController()
@Controller('open311/v2')
@UseFilters(Open311ErrorFilter)
export class Open311HttpController implements OnModuleInit {
  private readonly submissions = new DiscriminatedBodyPipe('type', CASE_REQUEST_CLASSES);

  constructor(
    private readonly handler: SubmitCaseHandler,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    private readonly cipher: PersonalDataCipher,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The cases as GeoReport shows them to the integrator that filed them: the address opened, as GET /v1/cases/{id}
   * does, and where each stands (intake.case_progress), in the language of Accept-Language.
   */
  private async serviceRequests(caseRecords: readonly CaseEntity[], request: FastifyRequest) {
    const language: Language = languageOf(request.headers['accept-language']);
    const rows: { case_id: string; progress: RequestProgress | null; withdrawn_at: Date | null }[] =
      caseRecords.length === 0
        ? []
        : await this.dataSource.query(
            `SELECT c.id AS case_id, p.progress, w.withdrawn_at
               FROM unnest($1::uuid[]) AS c (id)
               LEFT JOIN intake.case_progress p ON p.case_id = c.id
               LEFT JOIN intake.case_withdrawals w ON w.case_id = c.id`,
            [caseRecords.map((caseRecord) => caseRecord.id)],
          );
    const standingOf = new Map(rows.map((row) => [row.case_id, row]));
    return caseRecords.map((caseRecord) => {
      const { id, sealedAddress } = caseRecord;
      const address = sealedAddress === null ? null : this.cipher.open(sealedAddress, id, 'location.address');
      const standing = standingOf.get(id);
      const withdrawnAt = standing?.withdrawn_at ? new Date(standing.withdrawn_at) : null;
      return serviceRequestOf(caseRecord, address, standing?.progress ?? undefined, language, withdrawnAt);
    });
  }

  onModuleInit(): void {
    // What fails before a route runs (an unreadable form, overload, shutdown) is answered in the spec's format too.
    answerProblemsUnder('/open311/', sendProblemAsOpen311);
  }

  @Get(['discovery.json', 'discovery.xml'])
  @Public()
  discovery(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const url = `${request.protocol}://${request.headers.host ?? 'localhost'}/open311/v2`;
    sendOpen311(reply, formatOfRequest(request), 'discovery', {
      changeset: CHANGESET,
      contact: 'ugov intake (统一受理平台)',
      key_service: 'API keys are issued by the platform operator',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url,
          changeset: CHANGESET,
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    });
  }

  @Get(['services.json', 'services.xml'])
  @Public()
  services(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    sendOpen311(reply, formatOfRequest(request), 'services', open311Services().map(serviceListEntryOf));
  }

  @Get('services/:file')
  @Public()
  serviceDefinition(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const { name, format } = fileOf(file);
    const service = open311ServiceOf(name);
    if (!service) throw Open311Error.of(404, `service_code ${name} is not a service of this endpoint`);
    sendOpen311(reply, format, 'service_definition', serviceDefinitionOf(service));
  }

  @Post(['requests.json', 'requests.xml'])
  @Open311Integrator('submit-case')
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() form: Open311Form,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const format = formatOfRequest(request);
    const { body } = submissionOf(form ?? {});
    const submission = (await this.submissions.transform(body)) as CaseSubmission;
    const key = idempotencyKeyOf(idempotencyKey);
    const forbiddenChannel = channelProblem(principal, submission.channel);
    if (forbiddenChannel) throw new ForbiddenFieldError([forbiddenChannel]);
    const command = new SubmitCaseCommand(principal.subject, submission, key, actorOf(principal));
    const { caseRecord } = await this.handler.execute(command);
    const accepted = {
      service_request_id: caseRecord.trackingNumber,
      token: caseRecord.id,
      service_notice: '已受理，可凭受理编号查询办理进度',
      account_id: submission.open311?.accountId ?? null,
    };
    sendOpen311(reply, format, 'service_requests', [accepted], 201);
  }

  @Get(['requests.json', 'requests.xml'])
  @Open311Integrator('read-case')
  async search(
    @CurrentPrincipal() principal: Principal,
    @Query() query: QueryParameters,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const format = formatOfRequest(request);
    const search = this.cases.createQueryBuilder('c').where('c.submitted_by = :subject', { subject: principal.subject });
    const ids = listOf(query, 'service_request_id');
    // The spec: service_request_id, when given, overrides every other parameter.
    if (ids) search.andWhere('c.tracking_number IN (:...ids)', { ids: ids.length > 0 ? ids : [''] });
    else {
      const { start, end } = searchWindowOf(single(query, 'start_date'), single(query, 'end_date'), new Date());
      search.andWhere('c.submitted_at BETWEEN :start AND :end', { start, end });
      const codes = listOf(query, 'service_code');
      if (codes) search.andWhere('c.category_code IN (:...codes)', { codes: codes.length > 0 ? codes : [''] });
      const statuses = listOf(query, 'status');
      for (const status of statuses ?? [])
        if (status !== 'open' && status !== 'closed') throw new Open311ParameterError('status', 'status must be open, closed or both');
      // Closed by its progress (answered, merged), or by intake's own status of the case.
      if (statuses && statuses.length === 1)
        search.andWhere(
          `${statuses[0] === 'closed' ? '' : 'NOT '}(c.status IN (:...closed) OR EXISTS (SELECT 1 FROM intake.case_progress p WHERE p.case_id = c.id AND p.closed))`,
          { closed: [...CLOSED_STATES] },
        );
    }
    const found = await search.orderBy('c.submitted_at', 'DESC').limit(MAX_RESULTS).getMany();
    sendOpen311(reply, format, 'service_requests', await this.serviceRequests(found, request));
  }

  @Get('requests/:file')
  @Open311Integrator('read-case')
  async request(
    @CurrentPrincipal() principal: Principal,
    @Param('file') file: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { name, format } = fileOf(file);
    const caseRecord = await this.cases.findOneBy({ trackingNumber: name, submittedBy: principal.subject });
    if (!caseRecord) throw Open311Error.of(404, `service request ${name} not found`);
    sendOpen311(reply, format, 'service_requests', await this.serviceRequests([caseRecord], request));
  }

  @Get('tokens/:file')
  @Open311Integrator('read-case')
  async token(@CurrentPrincipal() principal: Principal, @Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const { name, format } = fileOf(file);
    const caseRecord = isUUID(name) ? await this.cases.findOneBy({ id: name, submittedBy: principal.subject }) : null;
    if (!caseRecord) throw Open311Error.of(404, `token ${name} not found`);
    sendOpen311(reply, format, 'service_requests', [{ service_request_id: caseRecord.trackingNumber, token: caseRecord.id }]);
  }

  /**
   * The servicerequestupdates extension: what happened to the caller's requests within the window (the 90-day rule
   * of GET requests), oldest first: the acceptance, then every step intake heard of (assigned, signed, paused for a
   * clarification, extended, replied, delivered, …), each with the Open311 status the request had after it.
   */
  @Get(['servicerequestupdates.json', 'servicerequestupdates.xml'])
  @Open311Integrator('read-case')
  async updates(
    @CurrentPrincipal() principal: Principal,
    @Query() query: QueryParameters,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const format = formatOfRequest(request);
    const language = languageOf(request.headers['accept-language']);
    const { start, end } = searchWindowOf(single(query, 'start_date'), single(query, 'end_date'), new Date());
    const rows: {
      update_id: string;
      tracking_number: string;
      kind: UpdateKind | 'submitted' | 'withdrawn';
      occurred_at: Date;
      details: UpdateDetails;
    }[] = await this.dataSource.query(
      `SELECT * FROM (
           SELECT c.id || '.submitted' AS update_id, c.tracking_number, 'submitted' AS kind, c.submitted_at AS occurred_at, '{}'::jsonb AS details
             FROM intake.cases c WHERE c.submitted_by = $1 AND c.submitted_at BETWEEN $2 AND $3
           UNION ALL
           -- The requester's withdrawal (撤回): intake's own record, not a workflow event.
           SELECT c.id || '.withdrawn', c.tracking_number, 'withdrawn', w.withdrawn_at, '{}'::jsonb
             FROM intake.case_withdrawals w JOIN intake.cases c ON c.id = w.case_id
            WHERE c.submitted_by = $1 AND w.withdrawn_at BETWEEN $2 AND $3
           UNION ALL
           SELECT u.update_id, c.tracking_number, u.kind, u.occurred_at, u.details
             FROM intake.case_updates u JOIN intake.cases c ON c.id = u.case_id
            WHERE c.submitted_by = $1 AND u.occurred_at BETWEEN $2 AND $3
              -- A co-handler's or a copy's steps are the departments' business (as on the requester's status).
              AND NOT EXISTS (SELECT 1 FROM intake.case_updates a WHERE a.case_id = u.case_id AND a.kind = 'assigned'
                                AND a.assignment_id = u.assignment_id AND a.details->>'lead' = 'false')
         ) updates ORDER BY occurred_at, update_id LIMIT ${MAX_RESULTS}`,
      [principal.subject, start, end],
    );
    const descriptionOf = (row: (typeof rows)[number]): string => {
      if (row.kind === 'submitted') return language === 'en' ? 'Received' : '已受理';
      if (row.kind === 'withdrawn') return withdrawalWordsOf(new Date(row.occurred_at), language);
      return updateWordsOf({ kind: row.kind, details: row.details }, language);
    };
    const updates = rows.map((row) => ({
      update_id: row.update_id,
      service_request_id: row.tracking_number,
      status: row.kind === 'withdrawn' || (row.kind !== 'submitted' && closesRequest(row.kind)) ? 'closed' : 'open',
      updated_datetime: new Date(row.occurred_at).toISOString(),
      description: descriptionOf(row),
      media_url: null,
    }));
    sendOpen311(reply, format, 'service_request_updates', updates);
  }
}
