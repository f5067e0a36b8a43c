import { applyDecorators, Body, Controller, Get, Headers, Param, Post, Query, Req, Res, UseFilters, type OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUUID } from 'class-validator';
import { Brackets, type Repository } from 'typeorm';
import {
  actorOf,
  Allow,
  answerProblemsUnder,
  ApiKeyParameter,
  channelProblem,
  CurrentPrincipal,
  DiscriminatedBodyPipe,
  ForbiddenFieldError,
  Operation,
  Public,
  type Principal,
} from '@ugov/platform';
import type { CaseSubmission } from '../domain/case-submission';
import { OPEN311_SERVICES, open311ServiceOf } from '../domain/open311-services';
import { CLOSED_STATES, Open311ParameterError, searchWindowOf } from '../domain/open311.rules';
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
  ) {}

  /** The case as GeoReport shows it to the integrator that filed it: its address opened, as GET /v1/cases/{id} does. */
  private serviceRequest(caseRecord: CaseEntity) {
    const { id, sealedAddress } = caseRecord;
    return serviceRequestOf(caseRecord, sealedAddress === null ? null : this.cipher.open(sealedAddress, id, 'location.address'));
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
    sendOpen311(reply, formatOfRequest(request), 'services', OPEN311_SERVICES.map(serviceListEntryOf));
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
      if (statuses && statuses.length === 1) {
        search.andWhere(
          new Brackets((where) =>
            where.where(`c.status ${statuses[0] === 'closed' ? 'IN' : 'NOT IN'} (:...closed)`, { closed: [...CLOSED_STATES] }),
          ),
        );
      }
    }
    const found = await search.orderBy('c.submitted_at', 'DESC').limit(MAX_RESULTS).getMany();
    sendOpen311(reply, format, 'service_requests', found.map((caseRecord) => this.serviceRequest(caseRecord)));
  }

  @Get('requests/:file')
  @Open311Integrator('read-case')
  async request(@CurrentPrincipal() principal: Principal, @Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const { name, format } = fileOf(file);
    const caseRecord = await this.cases.findOneBy({ trackingNumber: name, submittedBy: principal.subject });
    if (!caseRecord) throw Open311Error.of(404, `service request ${name} not found`);
    sendOpen311(reply, format, 'service_requests', [this.serviceRequest(caseRecord)]);
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
   * The servicerequestupdates extension: what changed in the caller's requests within the window (the 90-day rule
   * of GET requests). Intake records a request's acceptance; later states show here once intake tracks them.
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
    const { start, end } = searchWindowOf(single(query, 'start_date'), single(query, 'end_date'), new Date());
    const found = await this.cases
      .createQueryBuilder('c')
      .where('c.submitted_by = :subject', { subject: principal.subject })
      .andWhere('c.submitted_at BETWEEN :start AND :end', { start, end })
      .orderBy('c.submitted_at', 'ASC')
      .limit(MAX_RESULTS)
      .getMany();
    const updates = found.map((caseRecord) => ({
      update_id: `${caseRecord.id}.submitted`,
      service_request_id: caseRecord.trackingNumber,
      status: 'open',
      updated_datetime: caseRecord.submittedAt.toISOString(),
      description: '已受理',
      media_url: null,
    }));
    sendOpen311(reply, format, 'service_request_updates', updates);
  }
}
