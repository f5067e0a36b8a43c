import { TextField } from '@ugov/platform';

export class EndConsultationRequestDto {
  @TextField({ maxLength: 5000, multiline: true, example: '第三方同意公开，但需删去报价明细。' })
  opinion: string;
}
