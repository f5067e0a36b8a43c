import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { negotiatePublicLanguage, PUBLIC_LANGUAGES, type NegotiatedLanguage, type PublicLanguage } from '../domain/guides/public-language';

/** `?lang=` of the public routes: one of the five languages; without it, Accept-Language decides. */
export class PublicLanguageRequestDto {
  @ApiPropertyOptional({
    enum: PUBLIC_LANGUAGES,
    description: 'the language of the answer; without it, Accept-Language decides (zh-Hans when neither names one of ours)',
  })
  @IsIn(PUBLIC_LANGUAGES, { message: `lang must be one of ${PUBLIC_LANGUAGES.join(', ')}` })
  @IsOptional()
  lang?: PublicLanguage;
}

/** The language of the answer, said in Content-Language (and Vary, for caches). */
export function answerLanguage(
  query: PublicLanguageRequestDto,
  acceptLanguage: string | undefined,
  reply: FastifyReply,
): NegotiatedLanguage {
  const negotiated = negotiatePublicLanguage(query.lang, acceptLanguage);
  void reply.header('content-language', negotiated.language).header('vary', 'Accept-Language');
  return negotiated;
}
