import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '@ugov/platform';
import { Redactor } from '../domain/redaction/redactor';
import { RedactTextRequestDto } from './redact-text.request.dto';
import { RedactTextResponseDto } from './redact-text.response.dto';

@ApiTags('redaction')
@ApiBearerAuth()
@Controller('v1/redact')
export class RedactTextHttpController {
  constructor(private readonly redactor: Redactor) {}

  /** What publishing this text would withhold: for reviewers (the publishing department, 谁发布谁审查) and oversight staff. */
  @Post()
  @Allow('reviewer', 'department', 'supervisor')
  @HttpCode(200)
  @ApiOkResponse({ type: RedactTextResponseDto })
  redact(@Body() request: RedactTextRequestDto): RedactTextResponseDto {
    return RedactTextResponseDto.of(this.redactor.redact(request.text));
  }
}
