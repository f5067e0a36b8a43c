import { TextField } from '@ugov/platform';

export class ReturnAssignmentRequestDto {
  @TextField({ maxLength: 1000, multiline: true, example: '该事项属区级管辖，请改派至芙蓉区住建局。' })
  reason: string;
}
