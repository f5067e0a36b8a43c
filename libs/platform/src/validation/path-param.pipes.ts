import { Injectable, Param, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { RequestValidationError } from '../http/problem';
import { codeProblemOf } from './field.rules';

export type ParameterCheck = (name: string, value: string) => string | undefined;

/** Checks one path parameter; a bad one is a 400 that names it, like a bad body field. */
@Injectable()
class PathParameterPipe implements PipeTransform<string, string> {
  constructor(
    private readonly name: string,
    private readonly check: ParameterCheck,
  ) {}

  transform(value: string): string {
    const reason = this.check(this.name, value);
    if (reason) throw new RequestValidationError([{ field: this.name, reason }]);
    return value;
  }
}

/** The rule for ids: a UUID. */
export const uuidProblemOf: ParameterCheck = (name, value) => (isUUID(value) ? undefined : `${name} must be a UUID`);

/** A path parameter that is an id (a UUID). */
export const UuidParam = (name: string): ParameterDecorator => Param(name, new PathParameterPipe(name, uuidProblemOf));

/** A path parameter that is a catalog code, such as a department's. */
export const CodeParam = (name: string): ParameterDecorator => Param(name, new PathParameterPipe(name, codeProblemOf));
