import { TextField, TimeField } from '@ugov/platform';

export class RequestClarificationRequestDto {
  @TextField({ maxLength: 2000, multiline: true, example: '请补充具体的楼栋号和单元号。' })
  question: string;

  @TimeField({ example: '2026-12-03T18:00:00+08:00', description: 'When the wait for the requester ends anyway' })
  waitUntil: string;
}
