import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TextClassification } from '../domain/classification/text-routing';

class CategoryDto {
  @ApiProperty({ example: 'urban.municipal-facilities' }) code: string;
  @ApiProperty({ example: '城市公共设施' }) name: string;
}

class DepartmentRoleDto {
  @ApiProperty({ example: 'city-housing' }) code: string;
  @ApiProperty({ enum: ['lead', 'co', 'copy'], description: 'lead answers, co helps the lead, copy is told' }) role: 'lead' | 'co' | 'copy';
}

export class ClassifyTextResponseDto {
  @ApiProperty({ example: '城乡建设', description: 'first-level domain exactly as named in the taxonomy' }) domain: string;
  @ApiPropertyOptional({ type: CategoryDto, nullable: true, description: 'null when the catalog has no category for the domain' })
  category: CategoryDto | null;
  @ApiProperty({ example: 0.97, description: 'calibrated probability that the domain is right' }) confidence: number;
  @ApiProperty({ enum: ['auto', 'triage'], description: 'auto: at or above the model’s threshold; triage: a human decides' })
  decision: 'auto' | 'triage';
  @ApiProperty({
    type: [DepartmentRoleDto],
    description: 'leads first, then co-handlers, then copies; empty when the catalog cannot route the domain',
  })
  departments: DepartmentRoleDto[];
  @ApiPropertyOptional({ example: '430103', nullable: true, description: 'the region whose rule picked the departments' })
  regionCode: string | null;
  @ApiProperty({ example: 'v2', description: 'the classifier model version that answered' }) classifierVersion: string;
  @ApiProperty({ example: 1, description: 'the catalog version in force now, which routed the text' }) catalogVersion: number;

  static of(classification: TextClassification, classifierVersion: string, catalogVersion: number): ClassifyTextResponseDto {
    const { prediction, category, decision, departments, regionCode } = classification;
    return {
      domain: prediction.domain,
      category: category ? { code: category.code, name: category.name } : null,
      confidence: Math.round(prediction.confidence * 10000) / 10000,
      decision,
      departments: departments.map(({ department, role }) => ({ code: department.code, role })),
      regionCode: regionCode ?? null,
      classifierVersion,
      catalogVersion,
    };
  }
}
