import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TextClassification } from '../domain/classification/text-routing';

class CategoryDto {
  @ApiProperty({ example: 'urban.municipal-facilities' }) code: string;
  @ApiProperty({ example: '城市公共设施' }) name: string;
}

class DepartmentRoleDto {
  @ApiProperty({ example: 'city-housing' }) code: string;
  @ApiProperty({ enum: ['lead', 'co'] }) role: 'lead' | 'co';
}

export class ClassifyTextResponseDto {
  @ApiProperty({ example: '城乡建设', description: 'first-level domain exactly as named in the taxonomy' }) domain: string;
  @ApiPropertyOptional({ type: CategoryDto, nullable: true, description: 'null when the catalog has no category for the domain' })
  category: CategoryDto | null;
  @ApiProperty({ example: 0.97, description: 'calibrated probability that the domain is right' }) confidence: number;
  @ApiProperty({ enum: ['auto', 'triage'], description: 'auto: at or above the model’s threshold; triage: a human decides' })
  decision: 'auto' | 'triage';
  @ApiProperty({ type: [DepartmentRoleDto] }) departments: DepartmentRoleDto[];
  @ApiProperty({ example: 'v1', description: 'the classifier model version that answered' }) classifierVersion: string;

  static of(classification: TextClassification, classifierVersion: string): ClassifyTextResponseDto {
    const { prediction, category, decision, departments } = classification;
    return {
      domain: prediction.domain,
      category: category ? { code: category.code, name: category.name } : null,
      confidence: Math.round(prediction.confidence * 10000) / 10000,
      decision,
      departments: departments.map(({ code, role }) => ({ code, role })),
      classifierVersion,
    };
  }
}
