import 'reflect-metadata';
import { runService } from '@ugov/platform';
import { IntakeModule } from './intake.module';

// GeoReport v2 clients post forms.
void runService('intake', IntakeModule, { formBodiesUnder: ['/open311/'] });
