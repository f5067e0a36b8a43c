import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Allow, ApiProblemResponses, CurrentPrincipal, UuidParam, type Principal } from '@ugov/platform';
import { ReplyReviewEntity } from '../infra/reply-review.entity';
import { ReplyReviewResponseDto } from '../list-reply-reviews/reply-review.response.dto';
import { DecideReplyReviewHandler } from './decide-reply-review.handler';
import { DecideReplyReviewRequestDto } from './decide-reply-review.request.dto';

@ApiTags('review')
@ApiBearerAuth()
@Controller('v1/reply-reviews')
export class DecideReplyReviewHttpController {
  constructor(
    private readonly handler: DecideReplyReviewHandler,
    @InjectRepository(ReplyReviewEntity) private readonly reviews: Repository<ReplyReviewEntity>,
  ) {}

  /**
   * The reviewer's decision on a redacted reply, once (409 after): approve, reject or withhold, with its disclosure
   * attribute and visibility; approved and public, it is found by the public search. The reviewer may mask more
   * (`editedText`), never less.
   */
  @Post(':id/decision')
  @Allow('reviewer')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplyReviewResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async decide(
    @CurrentPrincipal() reviewer: Principal,
    @UuidParam('id') id: string,
    @Body() request: DecideReplyReviewRequestDto,
  ): Promise<ReplyReviewResponseDto> {
    await this.handler.execute(reviewer, id, request);
    return ReplyReviewResponseDto.of(await this.reviews.findOneByOrFail({ id }));
  }
}
