import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow, ApiProblemResponses, CurrentPrincipal, hasRole, type Principal } from '@ugov/platform';
import { informationItem, informationItems } from '../infra/information-items.repository';
import { InformationItemResponseDto } from './information-item.response.dto';
import { ListInformationRequestDto } from './list-information.request.dto';
import { SubmitInformationHandler } from './submit-information.handler';
import { SubmitInformationRequestDto } from './submit-information.request.dto';

@ApiTags('review')
@ApiBearerAuth()
@Controller('v1/information')
export class SubmitInformationHttpController {
  constructor(
    private readonly handler: SubmitInformationHandler,
    private readonly dataSource: DataSource,
  ) {}

  /** A piece of government information for a column of the site, redacted and queued for review (201). */
  @Post()
  @Allow('department', 'admin')
  @HttpCode(201)
  @ApiCreatedResponse({ type: InformationItemResponseDto })
  @ApiProblemResponses(400, 401, 403, 422)
  async submit(@CurrentPrincipal() author: Principal, @Body() request: SubmitInformationRequestDto): Promise<InformationItemResponseDto> {
    const id = await this.handler.execute(author, request);
    return (await informationItem(this.dataSource, id))!;
  }

  /** Information by review status (default: awaiting review), oldest first; a department sees its own only. */
  @Get()
  @Allow('reviewer', 'admin', 'department')
  @ApiOkResponse({ type: [InformationItemResponseDto] })
  @ApiProblemResponses(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() request: ListInformationRequestDto): Promise<InformationItemResponseDto[]> {
    const everyDepartment = hasRole(principal, 'reviewer') || hasRole(principal, 'admin');
    return informationItems(this.dataSource, request.status, everyDepartment ? undefined : principal.departments, request.limit);
  }
}
