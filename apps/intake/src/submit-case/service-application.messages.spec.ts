import { isInCatalog, localizedMessage } from '@ugov/platform';
import { serviceApplicationProblems } from '../domain/service-application.rules';

describe('the reasons a service application is refused', () => {
  it('are each in the message catalog, so a Chinese caller reads them in Chinese', () => {
    const reasons = [
      ...serviceApplicationProblems({ serviceItemCode: 'x-1', materials: [] }),
      ...serviceApplicationProblems({ serviceItemCode: '430100-000201-xk', materials: [{ name: '户口本' }] }),
    ].map((problem) => problem.reason);
    expect(reasons.filter((reason) => !isInCatalog(reason))).toEqual([]);
    expect(localizedMessage(reasons[0], 'zh-Hans')).toBe('serviceItemCode x-1 不是目录中的政务服务事项');
    expect(localizedMessage(reasons[2], 'zh-Hans')).toBe('materials 缺少事项 430100-000201-xk 所需的材料：企业设立登记申请书');
  });
});
