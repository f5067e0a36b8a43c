import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { noLanguageOfOursNotice } from '@ugov/domain';
import { negotiatePublicLanguage, PUBLIC_LANGUAGES, type PublicLanguage } from '../domain/guides/public-language';

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

/** How an answer names its language: `languageNotice` says, in that language, when none of those asked for is ours. */
export interface LanguageTag {
  language: PublicLanguage;
  languageFallback: boolean;
  languageNotice?: string;
}

/** The language of the answer, said in Content-Language (and Vary, for caches) and in the answer itself. */
export function answerLanguage(query: PublicLanguageRequestDto, acceptLanguage: string | undefined, reply: FastifyReply): LanguageTag {
  const { language, fallback } = negotiatePublicLanguage(query.lang, acceptLanguage);
  void reply.header('content-language', language).header('vary', 'Accept-Language');
  return { language, languageFallback: fallback, ...(fallback ? { languageNotice: noLanguageOfOursNotice(language) } : {}) };
}
