import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { TextField } from '@ugov/platform';

export class DecideExtensionRequestDto {
  @ApiProperty({ example: false })
  @IsBoolean({ message: 'approved must be true or false' })
  approved: boolean;

  @TextField({
    maxLength: 1000,
    multiline: true,
    optional: true,
    example: '理由不充分，请按期办结。',
    description: 'Required when refusing',
  })
  reason?: string;
}
