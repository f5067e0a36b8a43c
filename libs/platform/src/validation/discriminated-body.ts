import { applyDecorators, Body, Injectable, type PipeTransform, type Type } from '@nestjs/common';
import { ApiBody, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldProblemsOf, RequestValidationError, type FieldProblem } from '../http/problem';
import { createRequestValidationPipe } from './compiled-validation.pipe';

/** The class of a body for each value of its discriminating property (a case's `type`, say). */
export type BodyClasses = Readonly<Record<string, Type>>;

/**
 * Validates a body that is one of several classes, chosen by the value of one property: each class has its own
 * rules (and refuses the fields of the others), and is checked by the same compiled validation as any body.
 */
@Injectable()
export class DiscriminatedBodyPipe implements PipeTransform<unknown, Promise<object>> {
  private readonly validation = createRequestValidationPipe();

  constructor(
    readonly property: string,
    readonly classes: BodyClasses,
  ) {}

  async transform(body: unknown): Promise<object> {
    const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[this.property] : undefined;
    const target = typeof value === 'string' && Object.hasOwn(this.classes, value) ? this.classes[value] : undefined;
    if (!target) {
      const reason =
        value === undefined || value === null
          ? `${this.property} is required`
          : `${this.property} must be one of the following values: ${Object.keys(this.classes).join(', ')}`;
      throw new RequestValidationError([{ field: this.property, reason }, ...this.sharedFieldProblemsOf(body)]);
    }
    return (await this.validation.transform(body, { type: 'body', metatype: target, data: undefined })) as object;
  }

  /**
   * With no class to judge it by, the rest of the body is still checked by the rules every class shares (the first
   * class's, less its discriminator; fields of its own that are missing or unknown are not held against it), so that
   * one answer names every bad field.
   */
  private sharedFieldProblemsOf(body: unknown): FieldProblem[] {
    if (typeof body !== 'object' || body === null) return [];
    const fallback = Object.values(this.classes)[0];
    const errors = validateSync(plainToInstance(fallback, body), { stopAtFirstError: true, skipMissingProperties: false });
    const own = new Set(Object.keys(body));
    return fieldProblemsOf(errors.filter((error) => error.property !== this.property && own.has(error.property)));
  }
}

/** A request body that is one of `classes`, chosen by `property`, documented in OpenAPI as a oneOf with a discriminator. */
export function DiscriminatedBody(property: string, classes: BodyClasses): ParameterDecorator {
  return Body(new DiscriminatedBodyPipe(property, classes));
}

/** The OpenAPI side of DiscriminatedBody, for the route's method. */
export function ApiDiscriminatedBody(property: string, classes: BodyClasses): MethodDecorator {
  const distinct = [...new Set(Object.values(classes))];
  return applyDecorators(
    ApiExtraModels(...distinct),
    ApiBody({
      schema: {
        oneOf: distinct.map((target) => ({ $ref: getSchemaPath(target) })),
        discriminator: {
          propertyName: property,
          mapping: Object.fromEntries(Object.entries(classes).map(([value, target]) => [value, getSchemaPath(target)])),
        },
      },
    }),
  );
}
