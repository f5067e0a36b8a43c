import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Allow, UuidParam } from '@ugov/platform';
import { DeliveryEntity } from '../infra/delivery.entity';

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('v1/cases')
export class ListDeliveriesHttpController {
  constructor(@InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>) {}

  /** What was sent (or is being sent, or failed: status pending, delivered, dead) to the requester of a case, with attempts and receipts; for oversight staff. Never the contact. */
  @Get(':caseId/deliveries')
  @Allow('reviewer', 'supervisor')
  async list(@UuidParam('caseId') caseId: string): Promise<DeliveryEntity[]> {
    return this.deliveries.find({ where: { caseId }, order: { createdAt: 'ASC' } });
  }
}
