import { daysFromNow, TextField, TimeField } from '@ugov/platform';

export class RequestClarificationRequestDto {
  @TextField({ maxLength: 2000, multiline: true, example: '请补充具体的楼栋号和单元号。' })
  question: string;

  @TimeField({ example: daysFromNow(3), description: 'When the wait for the requester ends anyway' })
  waitUntil: string;
}
