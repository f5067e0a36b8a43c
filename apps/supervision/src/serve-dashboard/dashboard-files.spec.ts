import { dashboardConfigOf, readDashboardFiles } from './dashboard-files';

describe('the dashboard files', () => {
  it('serves the shipped page, its modules and its style with their content types, and nothing else', () => {
    const files = readDashboardFiles();
    expect([...files.keys()].sort()).toEqual(['dashboard.css', 'dashboard.js', 'index.html', 'labels.js']);
    expect(files.get('index.html')?.contentType).toBe('text/html; charset=utf-8');
    expect(files.get('index.html')?.body.toString('utf8')).toContain('<script type="module" src="/dashboard/dashboard.js">');
    expect(files.get('labels.js')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(files.get('dashboard.css')?.contentType).toBe('text/css; charset=utf-8');
  });

  it('signs staff in at the development issuer only with the development credentials on', () => {
    expect(dashboardConfigOf({})).toEqual({ tokenEndpoint: null });
    expect(dashboardConfigOf({ UGOV_DEV_AUTH: 'false', UGOV_DEV_ISSUER_URL: 'http://127.0.0.1:3009' })).toEqual({ tokenEndpoint: null });
    expect(dashboardConfigOf({ UGOV_DEV_AUTH: 'true' })).toEqual({ tokenEndpoint: 'http://127.0.0.1:3009/token' });
    expect(dashboardConfigOf({ UGOV_DEV_AUTH: 'true', UGOV_DEV_ISSUER_URL: 'http://127.0.0.1:41234/' })).toEqual({
      tokenEndpoint: 'http://127.0.0.1:41234/token',
    });
  });
});
