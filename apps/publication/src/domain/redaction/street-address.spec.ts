import { streetAddressSpans } from './street-address';

const found = (text: string) => streetAddressSpans(text).map((span) => text.slice(span.start, span.end));

describe('streetAddressSpans', () => {
  it.each([
    ['我住在景蓉华苑3栋2单元501室，', '景蓉华苑3栋2单元501室'],
    ['地址：A市A2区人民路12号', 'A市A2区人民路12号'],
    ['家住东风村七组', '东风村七组'],
    ['他是幸福小区A座1203室的业主', '幸福小区A座1203室'],
    ['芙蓉中路二段5号楼', '芙蓉中路二段5号楼'],
    ['其中就采集了大夫庙村七组的路', '大夫庙村七组'],
  ])('withholds the address in %s', (text, address) => {
    expect(found(text)).toEqual([address]);
  });

  it.each([
    '新建两室一厅住房',
    '涉及十户居民',
    '该小区有116户违章',
    '该小区288户维修基金',
    '目前还剩余1栋房屋',
    '共计4栋',
    '请到一楼大厅办理',
    '按2019年15号文件执行',
  ])('keeps %s', (text) => {
    expect(found(text)).toEqual([]);
  });
});
