import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsInt, Max, Min } from 'class-validator';
import { TextField } from '@ugov/platform';
import { AttachmentDto, Attachments } from '../submit-case/case-details.dto';

/** 补充: more about the matter, with files if any. */
export class SupplementRequestDto {
  @TextField({ maxLength: 2000, multiline: true, example: '补充：路灯编号为 A-17，晚上八点以后一直不亮。' })
  text: string;

  @Attachments('Files added with the supplement')
  attachments?: AttachmentDto[];
}

/** 撤回: why the requester no longer needs the request handled. */
export class WithdrawalRequestDto {
  @TextField({ maxLength: 500, multiline: true, example: '问题已自行解决，不再需要处理。' })
  reason: string;
}

const RATING = 'rating must be a whole number from 1 (非常不满意) to 5 (非常满意)';

/** 好差评 of the latest reply: five levels and a comment. */
export class EvaluationRequestDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 2, description: '1 非常不满意, 2 不满意, 3 基本满意, 4 满意, 5 非常满意' })
  @IsInt({ message: RATING })
  @Min(1, { message: RATING })
  @Max(5, { message: RATING })
  @IsDefined({ message: 'rating is required' })
  rating: number;

  @TextField({ maxLength: 500, multiline: true, optional: true, example: '路灯仍然不亮。' })
  comment?: string;
}

/** 重办: why the reply does not settle the matter. */
export class RedoRequestDto {
  @TextField({ maxLength: 500, multiline: true, example: '答复说已修复，但路灯仍然不亮。' })
  reason: string;
}
