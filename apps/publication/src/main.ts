import 'reflect-metadata';
import { runService } from '@ugov/platform';
import { PublicationModule } from './publication.module';

void runService('publication', PublicationModule);
