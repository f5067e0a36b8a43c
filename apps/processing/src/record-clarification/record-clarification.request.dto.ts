import { TextField } from '@ugov/platform';

export class RecordClarificationRequestDto {
  @TextField({ maxLength: 5000, multiline: true, example: '3栋2单元。' })
  answer: string;
}
