import { TextField } from '@ugov/platform';

export class RedactTextRequestDto {
  @TextField({ maxLength: 20000, multiline: true, example: '市民张伟（手机13812345678）反映景蓉华苑3栋2单元501室漏水。' })
  text: string;
}
