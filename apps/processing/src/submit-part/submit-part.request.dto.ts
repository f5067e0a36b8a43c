import { TextField } from '@ugov/platform';

export class SubmitPartRequestDto {
  @TextField({ maxLength: 5000, multiline: true, example: '我局已对该路段占道经营进行清理。' })
  text: string;
}
