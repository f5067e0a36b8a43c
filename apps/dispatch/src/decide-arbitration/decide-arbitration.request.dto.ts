import { CodeField, TextField } from '@ugov/platform';

export class DecideArbitrationRequestDto {
  @CodeField({ example: 'a2-housing', description: 'the department that must handle the case (a code of the catalog in force for it)' })
  departmentCode: string;

  @TextField({ maxLength: 1000, multiline: true, example: '小区物业管理属区住建局职责，由其主办。' })
  reason: string;
}
