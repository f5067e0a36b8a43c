import { ValidationPipe, type ArgumentMetadata, type Type } from '@nestjs/common';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { fieldProblemsOf, RequestValidationError } from '../http/problem';

/** Whether a body is valid for certain (true), or may not be (false: the full validation decides, and explains). */
type Check = (value: unknown) => boolean;

interface CompiledBody {
  readonly check: Check;
  /** The body as class-transformer would make it: a new instance of the class, nested bodies too. */
  readonly instantiate: (value: Record<string, unknown>) => object;
}

interface TransformerMetadataStorage {
  findTypeMetadata(target: Type, propertyName: string): { typeFunction: () => unknown } | undefined;
  getExposedMetadatas(target: Type): unknown[];
  getExcludedMetadatas(target: Type): unknown[];
  findTransformMetadatas(target: Type, propertyName: string, transformationType: number): unknown[];
}
/** class-transformer's own metadata (its @Type, @Expose, @Exclude, @Transform), which its package does not export. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const transformerMetadata = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadataStorage })
  .defaultMetadataStorage;

/**
 * Turns the class-validator rules of a body class into a plain function once, so that a valid body (the great
 * majority on the busy routes) is checked without class-transformer and class-validator walking their metadata
 * for every request. The function only ever says "certainly valid": anything else, and any rule it does not know
 * how to run exactly as class-validator does, goes through the full validation, which gives the same errors as
 * always. The rules stay where they are written, on the DTO.
 */
export function compileBody(target: Type, compiling = new Set<Type>()): CompiledBody | undefined {
  if (compiling.has(target)) return undefined;
  compiling.add(target);
  try {
    if (transformerMetadata.getExposedMetadatas(target).length > 0 || transformerMetadata.getExcludedMetadatas(target).length > 0)
      return undefined;
    const metadatas: ValidationMetadata[] = getMetadataStorage().getTargetValidationMetadatas(target, '', false, false, undefined);
    if (metadatas.length === 0) return undefined;
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const metadata of metadatas) byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
    const properties: { name: string; check: (object: Record<string, unknown>) => boolean; nested?: CompiledBody }[] = [];
    for (const [name, propertyMetadatas] of byProperty) {
      const property = compileProperty(target, name, propertyMetadatas, compiling);
      if (!property) return undefined;
      properties.push({ name, ...property });
    }
    const allowed = new Set(byProperty.keys());
    const nestedProperties = properties.filter((property) => property.nested);
    return {
      check: (value) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
        const object = value as Record<string, unknown>;
        // whitelist with forbidNonWhitelisted: a property no rule names is an error.
        for (const key of Object.keys(object)) if (!allowed.has(key)) return false;
        for (const property of properties) if (!property.check(object)) return false;
        return true;
      },
      instantiate: (value) => {
        const instance = Object.assign(new target(), value) as Record<string, unknown>;
        for (const { name, nested } of nestedProperties) {
          const child = instance[name];
          if (Array.isArray(child)) instance[name] = child.map((element) => nested!.instantiate(element as Record<string, unknown>));
          else if (child !== undefined && child !== null) instance[name] = nested!.instantiate(child as Record<string, unknown>);
        }
        return instance;
      },
    };
  } finally {
    compiling.delete(target);
  }
}

function compileProperty(
  target: Type,
  property: string,
  metadatas: readonly ValidationMetadata[],
  compiling: Set<Type>,
): { check: (object: Record<string, unknown>) => boolean; nested?: CompiledBody } | undefined {
  const storage = getMetadataStorage();
  // Rules that run per group, on each element of a collection, or asynchronously: left to class-validator.
  if (metadatas.some((metadata) => metadata.each || metadata.always || (metadata.groups?.length ?? 0) > 0)) return undefined;
  if (metadatas.some((metadata) => metadata.type === ValidationTypes.PROMISE_VALIDATION)) return undefined;
  if (transformerMetadata.findTransformMetadatas(target, property, 1).length > 0) return undefined;
  const conditions = metadatas
    .filter((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION)
    .map((metadata) => metadata.constraints[0] as (object: object, value: unknown) => boolean);
  const required = metadatas.some((metadata) => metadata.type === ValidationTypes.IS_DEFINED);
  const rules: { validate: (value: unknown, args: ValidationArguments) => unknown; constraints: unknown[] }[] = [];
  for (const metadata of metadatas.filter((candidate) => candidate.type === ValidationTypes.CUSTOM_VALIDATION)) {
    const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
    if (constraints.length === 0 || constraints.some((constraint) => constraint.async)) return undefined;
    for (const constraint of constraints) {
      const instance = constraint.instance as { validate: (value: unknown, args: ValidationArguments) => unknown };
      rules.push({ validate: (value, args) => instance.validate(value, args), constraints: metadata.constraints });
    }
  }
  let nested: CompiledBody | undefined;
  if (metadatas.some((metadata) => metadata.type === ValidationTypes.NESTED_VALIDATION)) {
    const nestedClass = transformerMetadata.findTypeMetadata(target, property)?.typeFunction();
    if (typeof nestedClass !== 'function') return undefined;
    nested = compileBody(nestedClass as Type, compiling);
    if (!nested) return undefined;
  } else if (transformerMetadata.findTypeMetadata(target, property)) {
    // A @Type to something else (a Date, say) changes the value: class-transformer must do it.
    return undefined;
  }
  const known = new Set([
    ValidationTypes.CONDITIONAL_VALIDATION,
    ValidationTypes.IS_DEFINED,
    ValidationTypes.CUSTOM_VALIDATION,
    ValidationTypes.NESTED_VALIDATION,
    ValidationTypes.WHITELIST,
  ]);
  if (metadatas.some((metadata) => !known.has(metadata.type))) return undefined;
  return {
    nested,
    check: (object) => {
      const value = object[property];
      // As class-validator does: a condition that does not hold skips every rule of the property.
      for (const condition of conditions) if (!condition(object, value)) return true;
      if (required && (value === undefined || value === null)) return false;
      for (const rule of rules) {
        const args: ValidationArguments = { targetName: target.name, property, object, value, constraints: rule.constraints };
        if (rule.validate(value, args) !== true) return false;
      }
      if (!nested || value === undefined) return true;
      // class-validator checks each element of an array against the nested class; an element that is not an object is its error.
      if (Array.isArray(value)) return value.every((element) => isPlainObject(element) && nested.check(element));
      if (value instanceof Set || value instanceof Map || typeof value !== 'object' || value === null) return false;
      return nested.check(value);
    },
  };
}

const isPlainObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What every service's validation does: a body becomes its class's instance, unknown fields are refused, one error per field. */
export const VALIDATION_OPTIONS = { transform: true, whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true } as const;

/**
 * For specs: whether the full validation (ValidationPipe with VALIDATION_OPTIONS, as without the compiled rules)
 * accepts `body` for `target`, and what it makes of it.
 */
export async function fullValidationOf(target: Type, body: unknown): Promise<{ accepted: true; value: unknown } | { accepted: false }> {
  try {
    return { accepted: true, value: await new ValidationPipe(VALIDATION_OPTIONS).transform(body, { type: 'body', metatype: target }) };
  } catch {
    return { accepted: false };
  }
}

/**
 * The global validation pipe: a request body that its class's compiled rules pass is turned into the class's
 * instance directly; every other argument, and every body that may be invalid, goes through ValidationPipe.
 */
export class CompiledValidationPipe extends ValidationPipe {
  private readonly compiled = new Map<Type, CompiledBody | undefined>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type === 'body' && metatype && this.toValidate(metadata)) {
      if (!this.compiled.has(metatype)) this.compiled.set(metatype, compileBody(metatype));
      const body = this.compiled.get(metatype);
      if (body?.check(value)) return body.instantiate(value as Record<string, unknown>);
    }
    return super.transform(value, metadata);
  }
}

/** The one validation of request bodies: the global pipe of every service, and the commands that arrive over Kafka. */
export function createRequestValidationPipe(): CompiledValidationPipe {
  return new CompiledValidationPipe({
    ...VALIDATION_OPTIONS,
    exceptionFactory: (errors) => new RequestValidationError(fieldProblemsOf(errors)),
  });
}

const sharedPipe = createRequestValidationPipe();

/** A body checked exactly as a REST route checks it: its class's instance, or a RequestValidationError naming each bad field. */
export function validateRequestBody<Body>(target: Type<Body>, body: unknown): Promise<Body> {
  return sharedPipe.transform(body, { type: 'body', metatype: target }) as Promise<Body>;
}
