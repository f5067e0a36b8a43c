import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLabelledMessages } from './labelled-messages';

describe('labelled message files', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'labelled-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const fileWith = (content: string) => {
    const file = join(folder, 'messages.tsv');
    writeFileSync(file, content);
    return file;
  };

  it('reads text<TAB>domain lines, skipping the header and blank lines', () => {
    expect(readLabelledMessages(fileWith('text\tdomain\n路灯坏了\t城乡建设\r\n\n拖欠工资\t劳动和社会保障 \n'))).toEqual([
      { text: '路灯坏了', domain: '城乡建设' },
      { text: '拖欠工资', domain: '劳动和社会保障' },
    ]);
  });

  it('stops at a malformed line, naming it', () => {
    expect(() => readLabelledMessages(fileWith('路灯坏了\t城乡建设\n没有领域\n'))).toThrow(/messages\.tsv:2: expected text<TAB>domain/);
    expect(() => readLabelledMessages(fileWith('a\tb\tc\n'))).toThrow(/:1:/);
  });
});
