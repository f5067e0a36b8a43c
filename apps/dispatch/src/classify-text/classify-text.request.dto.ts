import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { TextField } from '@ugov/platform';

export class ClassifyTextRequestDto {
  @TextField({ maxLength: 5000, multiline: true, example: '小区门口的路灯坏了一个多月，晚上出行很不安全，请尽快维修。' })
  text: string;

  @ApiPropertyOptional({ example: '430103', description: 'GB/T 2260 region code (6 digits), or a street (9) or community (12) code' })
  @Matches(/^\d{6}(\d{3}(\d{3})?)?$/, { message: 'regionCode must be a GB/T 2260 code of 6, 9 or 12 digits' })
  @IsOptional()
  regionCode?: string;

  @ApiPropertyOptional({ example: 28.19, minimum: -90, maximum: 90 })
  @Max(90, { message: 'lat must be a latitude between -90 and 90' })
  @Min(-90, { message: 'lat must be a latitude between -90 and 90' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lat must be a number' })
  @IsOptional()
  lat?: number;

  @ApiPropertyOptional({ example: 112.97, minimum: -180, maximum: 180 })
  @Max(180, { message: 'long must be a longitude between -180 and 180' })
  @Min(-180, { message: 'long must be a longitude between -180 and 180' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'long must be a number' })
  @IsOptional()
  long?: number;
}
