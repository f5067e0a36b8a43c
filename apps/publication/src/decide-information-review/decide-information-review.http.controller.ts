import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow, ApiProblemResponses, CurrentPrincipal, UuidParam, type Principal } from '@ugov/platform';
import { DecideReplyReviewRequestDto } from '../decide-reply-review/decide-reply-review.request.dto';
import { informationItem } from '../infra/information-items.repository';
import { InformationItemResponseDto } from '../submit-information/information-item.response.dto';
import { DecideInformationReviewHandler } from './decide-information-review.handler';

@ApiTags('review')
@ApiBearerAuth()
@Controller('v1/information')
export class DecideInformationReviewHttpController {
  constructor(
    private readonly handler: DecideInformationReviewHandler,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The reviewer's decision on a piece of information, once (409 after), with the body of a reply's review decision:
   * approved, 主动公开 and public, it is published in its column.
   */
  @Post(':id/decision')
  @Allow('reviewer')
  @HttpCode(200)
  @ApiOkResponse({ type: InformationItemResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async decide(
    @CurrentPrincipal() reviewer: Principal,
    @UuidParam('id') id: string,
    @Body() request: DecideReplyReviewRequestDto,
  ): Promise<InformationItemResponseDto> {
    await this.handler.execute(reviewer, id, request);
    return (await informationItem(this.dataSource, id))!;
  }
}
