import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CodeField, TextField } from '@ugov/platform';
import { SITE_COLUMN_CODES } from '../domain/site-census/site-columns';

export class SubmitInformationRequestDto {
  @ApiProperty({ enum: SITE_COLUMN_CODES, description: 'the column (栏目) of the site it is published in' })
  @IsIn(SITE_COLUMN_CODES, { message: `columnCode must be one of ${SITE_COLUMN_CODES.join(', ')}` })
  columnCode: string;

  @TextField({ maxLength: 200, example: '关于2026年冬季供暖的通知' })
  title: string;

  @TextField({ maxLength: 20000, multiline: true, description: 'the information as written; personal data is redacted before review' })
  text: string;

  @CodeField({
    optional: true,
    example: 'a-housing',
    description: 'the department publishing it: one the caller acts for (required when it acts for several; admins name one)',
  })
  departmentCode?: string;
}
