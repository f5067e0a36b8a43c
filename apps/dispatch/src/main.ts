import 'reflect-metadata';
import { runService } from '@ugov/platform';
import { DispatchModule } from './dispatch.module';

void runService('dispatch', DispatchModule);
