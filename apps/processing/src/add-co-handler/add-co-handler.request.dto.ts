import { CodeField, TextField } from '@ugov/platform';

export class AddCoHandlerRequestDto {
  @CodeField({ example: 'city-transport' })
  departmentCode: string;

  @TextField({ maxLength: 200, optional: true, example: '市交通运输局', description: 'Defaults to the code' })
  departmentName?: string;
}
