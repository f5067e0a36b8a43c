import { daysFromNow, TextField, TimeField } from '@ugov/platform';

export class OrderRedoRequestDto {
  @TextField({ maxLength: 1000, multiline: true, example: '群众评价不满意：路灯仍未修复。' })
  reason: string;

  @TimeField({ example: daysFromNow(15), description: 'The deadline of the redo' })
  deadline: string;
}
