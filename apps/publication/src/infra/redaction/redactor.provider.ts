import type { Provider } from '@nestjs/common';
import { NameAddressTagger } from '../../domain/redaction/name-address-tagger';
import { Redactor } from '../../domain/redaction/redactor';
import { jiebaWordTagger } from './jieba-word-tagger';
import { readTaggerModel } from './tagger-model.file';

/** One redactor a process: the shipped model is read at start-up, and a missing one stops the service. */
export const redactorProvider: Provider = {
  provide: Redactor,
  useFactory: () => {
    const redactor = new Redactor(new NameAddressTagger(readTaggerModel(), jiebaWordTagger));
    // jieba loads its dictionary on first use: here, not in the first reviewer's request.
    redactor.redact('张伟住在人民路12号');
    return redactor;
  },
};
