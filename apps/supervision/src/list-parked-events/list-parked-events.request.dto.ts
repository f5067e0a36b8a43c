import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { serviceNames, type ServiceName } from '@ugov/contracts';
import { NewestFirstRequestDto } from '../list-dead-letters/newest-first.request.dto';

export class ListParkedEventsRequestDto extends NewestFirstRequestDto {
  @ApiPropertyOptional({ enum: serviceNames, description: 'only the events this service parked' })
  @IsIn(serviceNames, { message: `service must be one of ${serviceNames.join(', ')}` })
  @IsOptional()
  service?: ServiceName;
}
