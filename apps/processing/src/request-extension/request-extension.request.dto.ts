import { daysFromNow, TextField, TimeField } from '@ugov/platform';

export class RequestExtensionRequestDto {
  @TextField({ maxLength: 1000, multiline: true, example: '需协调供电公司现场勘查。', description: 'Shown to the requester' })
  reason: string;

  @TimeField({ example: daysFromNow(20), description: 'At most the original limit beyond the deadline in force' })
  requestedDeadline: string;
}
