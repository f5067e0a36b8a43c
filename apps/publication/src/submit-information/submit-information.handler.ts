import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { poolOf, runInTransaction } from '@ugov/persistence';
import { describePrincipal, hasRole, RequestValidationError, type Principal } from '@ugov/platform';
import type { CensorRule } from '../domain/redaction/censor-rules';
import { Redactor } from '../domain/redaction/redactor';
import { withheldPartsOf } from '../domain/reply-review';
import type { SubmitInformationRequestDto } from './submit-information.request.dto';

/** The censor rules of the site and of the publishing department. */
const RULES_FOR_INFORMATION = `SELECT scope, kind, text, reason FROM publication.censor_rules
  WHERE scope = 'site' OR (scope = 'department' AND scope_key = $1)`;

/**
 * A department's piece of government information for a column of the site: redacted like a reply (personal data,
 * the site's and the department's censor rules) and kept for review; nothing of it is public before a reviewer
 * approves it (谁发布谁审查).
 */
@Injectable()
export class SubmitInformationHandler {
  private readonly logger = new Logger(SubmitInformationHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly redactor: Redactor,
  ) {}

  async execute(author: Principal, request: SubmitInformationRequestDto): Promise<string> {
    const departmentCode = publishingDepartmentOf(author, request.departmentCode);
    const id = randomUUID();
    await runInTransaction(poolOf(this.dataSource), async (transaction) => {
      const rules: CensorRule[] = await transaction.query(RULES_FOR_INFORMATION, [departmentCode]);
      const redaction = this.redactor.redact(request.text, rules);
      await transaction.query(
        `INSERT INTO publication.information_items (id, column_code, department_code, title, redacted_text, withheld, submitted_by,
           submitted_at, review_status) VALUES ($1, $2, $3, $4, $5, $6, $7, now(), 'awaiting-review')`,
        [
          id,
          request.columnCode,
          departmentCode,
          this.redactor.redact(request.title, rules).text,
          redaction.text,
          JSON.stringify(withheldPartsOf(redaction.spans)),
          describePrincipal(author),
        ],
      );
    });
    this.logger.log(`${describePrincipal(author)}: information ${id} for ${request.columnCode} awaits review`);
    return id;
  }
}

/** The department an item is published for: one the author acts for; an admin names any. */
function publishingDepartmentOf(author: Principal, named: string | undefined): string {
  if (named !== undefined) {
    if (!hasRole(author, 'admin') && !author.departments.includes(named))
      throw new DomainError('forbidden', `${author.subject} may not publish for department ${named}`, 'department-not-yours');
    return named;
  }
  if (!hasRole(author, 'admin') && author.departments.length === 1) return author.departments[0];
  throw new RequestValidationError([
    { field: 'departmentCode', reason: 'departmentCode is required: name the department the information is published for' },
  ]);
}
