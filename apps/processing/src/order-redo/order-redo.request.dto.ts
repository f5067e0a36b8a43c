import { TextField, TimeField } from '@ugov/platform';

export class OrderRedoRequestDto {
  @TextField({ maxLength: 1000, multiline: true, example: '群众评价不满意：路灯仍未修复。' })
  reason: string;

  @TimeField({ example: '2026-12-15T18:00:00+08:00', description: 'The deadline of the redo' })
  deadline: string;
}
