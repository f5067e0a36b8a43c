import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { TextField } from '@ugov/platform';
import type { NoticeKind } from '../domain/assignment-workflow';

const NOTICE_KINDS: NoticeKind[] = ['supervision-order', 'reminder'];

export class IssueNoticeRequestDto {
  @ApiProperty({ enum: NOTICE_KINDS, description: 'supervision-order 督办, reminder 催办' })
  @IsIn(NOTICE_KINDS, { message: `kind must be one of ${NOTICE_KINDS.join(', ')}` })
  kind: NoticeKind;

  @TextField({ maxLength: 2000, multiline: true, example: '该件已超期，请于两个工作日内办结并反馈。' })
  text: string;
}
