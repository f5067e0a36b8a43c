import { TextField } from '@ugov/platform';

export class ConsultThirdPartyRequestDto {
  @TextField({ maxLength: 2000, multiline: true, example: '申请公开的合同涉及第三方商业秘密，征求其意见。' })
  question: string;
}
