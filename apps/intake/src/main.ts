import 'reflect-metadata';
import { runService } from '@ugov/platform';
import { IntakeModule } from './intake.module';

void runService('intake', IntakeModule);
