import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import type { Repository } from 'typeorm';
import { DomainError } from '@ugov/domain';
import {
  actsForDepartment,
  codeProblemOf,
  describePrincipal,
  hasRole,
  RequestValidationError,
  type FieldProblem,
  type Principal,
} from '@ugov/platform';
import { censorRuleProblem } from '../domain/redaction/censor-rules';
import { CensorRuleEntity } from '../infra/censor-rule.entity';
import type { AddCensorRuleRequestDto } from './add-censor-rule.request.dto';

/** Why the scope key does not fit the scope, or undefined when it does. */
function scopeKeyProblem(rule: AddCensorRuleRequestDto): FieldProblem | undefined {
  const key = rule.scopeKey;
  if (rule.scope === 'site') return key == null ? undefined : { field: 'scopeKey', reason: 'scopeKey must be absent for a site rule' };
  if (key == null) return { field: 'scopeKey', reason: `scopeKey is required for a ${rule.scope} rule` };
  if (rule.scope === 'case' && !isUUID(key)) return { field: 'scopeKey', reason: 'scopeKey must be the UUID of the case' };
  const codeProblem = rule.scope === 'department' ? codeProblemOf('scopeKey', key) : undefined;
  return codeProblem ? { field: 'scopeKey', reason: codeProblem } : undefined;
}

/** Adds a censor rule. Oversight staff may add any; a department only for its own department or a case. */
@Injectable()
export class AddCensorRuleHandler {
  constructor(@InjectRepository(CensorRuleEntity) private readonly rules: Repository<CensorRuleEntity>) {}

  async execute(principal: Principal, request: AddCensorRuleRequestDto): Promise<CensorRuleEntity> {
    const keyProblem = scopeKeyProblem(request);
    if (keyProblem) throw new RequestValidationError([keyProblem]);
    const ruleProblem = censorRuleProblem({ scope: request.scope, kind: request.kind, text: request.text, reason: request.reason });
    if (ruleProblem) throw new RequestValidationError([{ field: 'text', reason: ruleProblem }]);
    if (!hasRole(principal, 'reviewer')) {
      if (request.scope === 'site')
        throw new DomainError('forbidden', 'only reviewers may add site-wide censor rules', 'censor-rule-forbidden');
      if (request.scope === 'department' && !actsForDepartment(principal, request.scopeKey ?? ''))
        throw new DomainError(
          'forbidden',
          "a department may add rules for its own department only, not another's",
          'censor-rule-forbidden',
        );
    }
    const rule: CensorRuleEntity = {
      id: randomUUID(),
      scope: request.scope,
      scopeKey: request.scopeKey ?? null,
      kind: request.kind,
      text: request.text,
      reason: request.reason,
      createdBy: describePrincipal(principal),
      createdAt: new Date(),
    };
    return this.rules.save(rule);
  }
}
