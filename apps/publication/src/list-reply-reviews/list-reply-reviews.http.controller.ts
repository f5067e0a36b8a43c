import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { Allow, CurrentPrincipal, hasRole, type Principal, UuidParam } from '@ugov/platform';
import { ReplyReviewEntity } from '../infra/reply-review.entity';
import { ReplyReviewResponseDto } from './reply-review.response.dto';

@ApiTags('review')
@ApiBearerAuth()
@Controller('v1/cases')
export class ListReplyReviewsHttpController {
  constructor(@InjectRepository(ReplyReviewEntity) private readonly reviews: Repository<ReplyReviewEntity>) {}

  /** The redacted replies of a case waiting for review, with why each part is withheld; a department sees only its own. */
  @Get(':caseId/reply-reviews')
  @Allow('reviewer', 'supervisor', 'department', 'department-system')
  @ApiOkResponse({ type: [ReplyReviewResponseDto] })
  async list(@CurrentPrincipal() principal: Principal, @UuidParam('caseId') caseId: string): Promise<ReplyReviewResponseDto[]> {
    const own =
      hasRole(principal, 'reviewer') || hasRole(principal, 'supervisor') ? {} : { departmentCode: In([...principal.departments]) };
    const reviews = await this.reviews.find({ where: { caseId, ...own }, order: { createdAt: 'ASC' } });
    return reviews.map((review) => ReplyReviewResponseDto.of(review));
  }
}
