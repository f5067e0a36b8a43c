import 'reflect-metadata';
import { runService } from '@ugov/platform';
import { SupervisionModule } from './supervision.module';

void runService('supervision', SupervisionModule);
