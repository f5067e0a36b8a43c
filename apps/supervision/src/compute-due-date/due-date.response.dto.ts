import { ApiProperty } from '@nestjs/swagger';

export class DueDateResponseDto {
  @ApiProperty({ example: '2026-10-20', description: 'the last working day of the limit (the limit ends as it does)' })
  dueOn: string;
}
