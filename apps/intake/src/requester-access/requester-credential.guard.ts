import {
  applyDecorators,
  createParamDecorator,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Public } from '@ugov/platform';
import { AttemptLimiter } from '../domain/attempt-limiter';
import { parseTrackingCredential } from '../domain/verification-code';
import { PersonalDataCipher } from '../infra/personal-data/personal-data.cipher';
import { TrackingAttemptLimits } from './tracking-attempts.config';

/** A requester, proven by the tracking number and verification code of one request: they reach that case and no other. */
export interface RequesterPrincipal {
  readonly role: 'requester';
  readonly caseId: string;
  readonly trackingNumber: string;
}

type RequesterRequest = FastifyRequest & { requester?: RequesterPrincipal };

/** The one answer to every credential that does not prove a request: unknown number and wrong code look the same. */
const NO_MATCH = 'the tracking number and verification code do not match a request';

/** Compared when the number is unknown, so that both failures cost the same work. */
const NO_HASH = Buffer.alloc(32);

/**
 * Checks `Authorization: Tracking <tracking number>:<verification code>`: the one place a requester is let in
 * (routes declare it with @RequesterRoute()). When the route has a `trackingNumber` path parameter, the credential
 * must be that request's. Failed attempts are limited per tracking number and per client address (429 with
 * Retry-After, before the code is even compared).
 */
@Injectable()
export class RequesterCredentialGuard implements CanActivate {
  private readonly failuresByNumber: AttemptLimiter;
  private readonly failuresByAddress: AttemptLimiter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
    limits: TrackingAttemptLimits,
  ) {
    this.failuresByNumber = new AttemptLimiter(limits.perTrackingNumber, limits.windowSeconds * 1000);
    this.failuresByAddress = new AttemptLimiter(limits.perClientAddress, limits.windowSeconds * 1000);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequesterRequest>();
    const credential = parseTrackingCredential(request.headers.authorization);
    if (!credential) throw new UnauthorizedException('send "Authorization: Tracking <tracking number>:<verification code>"');
    const { trackingNumber, verificationCode } = credential;
    const address = `address:${request.ip}`;
    const wait = Math.max(this.failuresByNumber.retryAfterSeconds(trackingNumber), this.failuresByAddress.retryAfterSeconds(address));
    if (wait > 0) {
      void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(wait));
      throw new HttpException('too many failed attempts; retry later', HttpStatus.TOO_MANY_REQUESTS);
    }

    const [found]: { id: string; verification_code_hash: string | null }[] = await this.dataSource.query(
      'SELECT id, verification_code_hash FROM intake.cases WHERE tracking_number = $1',
      [trackingNumber],
    );
    const presented = Buffer.from(this.cipher.verificationCodeHash(trackingNumber, verificationCode), 'hex');
    const stored = found?.verification_code_hash ? Buffer.from(found.verification_code_hash, 'hex') : NO_HASH;
    const matches = timingSafeEqual(presented, stored.length === presented.length ? stored : NO_HASH) && found?.verification_code_hash;
    const params = request.params as Record<string, string | undefined>;
    const samePath = params.trackingNumber === undefined || params.trackingNumber.toUpperCase() === trackingNumber;
    if (!matches || !samePath) {
      this.failuresByNumber.recordFailure(trackingNumber);
      this.failuresByAddress.recordFailure(address);
      throw new UnauthorizedException(NO_MATCH);
    }
    request.requester = { role: 'requester', caseId: found.id, trackingNumber };
    return true;
  }
}

/**
 * The declaration of a route a requester calls with the tracking credential (and nobody else: API keys do not
 * reach it). Shown in OpenAPI as `x-ugov-roles: [requester]`.
 */
export const RequesterRoute = () =>
  applyDecorators(
    Public(), // not an API-key route: the guard below decides
    UseGuards(RequesterCredentialGuard),
    ApiExtension('x-ugov-roles', ['requester']),
    ApiHeader({ name: 'Authorization', required: true, description: 'Tracking <tracking number>:<verification code>' }),
  );

export const CurrentRequester = createParamDecorator((_: unknown, context: ExecutionContext): RequesterPrincipal => {
  const requester = context.switchToHttp().getRequest<RequesterRequest>().requester;
  if (!requester) throw new UnauthorizedException('no requester on this request');
  return requester;
});
