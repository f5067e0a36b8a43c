import 'reflect-metadata';
import { runService } from '@ugov/platform';
import { ProcessingModule } from './processing.module';

void runService('processing', ProcessingModule);
