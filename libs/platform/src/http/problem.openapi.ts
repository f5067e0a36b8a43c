import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem';

class FieldProblemDto {
  @ApiProperty({ example: 'limit' }) field: string;
  @ApiProperty({ example: 'limit must not be greater than 500' }) reason: string;
}

/** RFC 7807 problem details, as every error of the native API is answered. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:ugov:problem:invalid-request', description: "'about:blank' or urn:ugov:problem:<code>" }) type: string;
  @ApiProperty({ example: 'Bad request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ description: 'the request path' }) instance?: string;
  @ApiPropertyOptional({ example: 'invalid-request' }) code?: string;
  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'each bad field with its reason' }) errors?: FieldProblemDto[];
}

/** Documents the error answers of a route: application/problem+json with the given statuses. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: problemOf(status, '').title,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
