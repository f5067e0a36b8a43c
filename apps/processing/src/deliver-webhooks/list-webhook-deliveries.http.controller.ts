import { Controller, ForbiddenException, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { actsForDepartment, Allow, ApiProblemResponses, CodeParam, CurrentPrincipal, hasRole, type Principal } from '@ugov/platform';

export class WebhookDeliveryResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() assignmentId: string;
  @ApiProperty({ example: 'assignment.assigned' }) event: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ nullable: true, description: "The endpoint's HTTP status at the last attempt" }) lastResponseStatus: number | null;
  @ApiPropertyOptional({ nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) deliveredAt: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'When the next attempt is due, while pending' }) nextAttemptAt: string | null;
}

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/departments')
export class ListWebhookDeliveriesHttpController {
  constructor(private readonly dataSource: DataSource) {}

  /** The department's webhook deliveries, newest first (at most 200): what was sent, how often, and what its endpoint answered. */
  @Get(':code/webhook-deliveries')
  @Allow('department', 'department-system', 'supervisor')
  @ApiOkResponse({ type: [WebhookDeliveryResponseDto] })
  @ApiProblemResponses(400, 401, 403)
  async list(@CurrentPrincipal() caller: Principal, @CodeParam('code') code: string): Promise<WebhookDeliveryResponseDto[]> {
    if (!actsForDepartment(caller, code) && !hasRole(caller, 'supervisor')) {
      throw new ForbiddenException(`${caller.subject} may not read the webhook deliveries of ${code}`);
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id, assignment_id, event, status, attempts, last_response_status, last_error, created_at, delivered_at, next_attempt_at
         FROM processing.webhook_deliveries WHERE department_code = $1 ORDER BY created_at DESC, id LIMIT 200`,
      [code],
    );
    const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
    return rows.map((row) => ({
      id: row.id as string,
      assignmentId: row.assignment_id as string,
      event: row.event as string,
      status: row.status as string,
      attempts: row.attempts as number,
      lastResponseStatus: row.last_response_status as number | null,
      lastError: row.last_error as string | null,
      createdAt: iso(row.created_at)!,
      deliveredAt: iso(row.delivered_at),
      nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    }));
  }
}
