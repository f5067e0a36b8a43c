import 'reflect-metadata';
import { IsIn } from 'class-validator';
import { RequestValidationError } from '../http/problem';
import { TextField } from './field.rules';
import { DiscriminatedBodyPipe } from './discriminated-body';

abstract class Shape {
  @TextField({ maxLength: 10 })
  label: string;
}

class Circle extends Shape {
  @IsIn(['circle']) kind: 'circle';
  @TextField({ maxLength: 5 }) radius: string;
}

class Square extends Shape {
  @IsIn(['square']) kind: 'square';
  @TextField({ maxLength: 5 }) side: string;
}

const pipe = new DiscriminatedBodyPipe('kind', { circle: Circle, square: Square });

async function problemsOf(body: unknown) {
  try {
    await pipe.transform(body);
    return [];
  } catch (error) {
    return (error as RequestValidationError).fieldProblems.map(({ field }) => field);
  }
}

describe('a body that is one of several classes', () => {
  it("is checked by its own class's rules, and made its instance", async () => {
    const circle = await pipe.transform({ kind: 'circle', label: 'a', radius: '2' });
    expect(circle).toBeInstanceOf(Circle);
    expect(await problemsOf({ kind: 'square', label: 'a', side: '2' })).toEqual([]);
  });

  it("refuses another class's fields and names its own missing ones", async () => {
    expect((await problemsOf({ kind: 'square', label: 'a', radius: '2' })).sort()).toEqual(['radius', 'side']);
  });

  it('names an unknown or missing discriminator, and the bad fields every class shares', async () => {
    expect(await problemsOf({ kind: 'triangle', label: '' })).toEqual(['kind', 'label']);
    expect(await problemsOf({ label: 'fine' })).toEqual(['kind']);
    await expect(pipe.transform({ kind: 'hexagon' })).rejects.toThrow(RequestValidationError);
  });
});
