import { CodeField, TextField } from '@ugov/platform';

export class RouteTriageCaseRequestDto {
  @CodeField({ example: 'urban.02.04', description: 'the category the case belongs to (派单目录)' })
  categoryCode: string;

  @CodeField({
    optional: true,
    example: 'city-housing',
    description: 'the responsible department; by default the catalog’s for the category and the case’s region',
  })
  departmentCode?: string;

  @TextField({ maxLength: 1000, multiline: true, example: '反映小区路灯损坏，属市政设施，交住建局办理。' })
  reason: string;
}
