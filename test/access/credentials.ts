/** Credentials for the access tests: tokens from the development issuer of the e2e global setup. */
export function devIssuerUrl(): string {
  const url = process.env.UGOV_DEV_ISSUER_URL;
  if (!url) throw new Error('UGOV_DEV_ISSUER_URL is not set: run the e2e specs through test/jest-e2e.config.js');
  return url;
}

/** A token for a development user (`dev-dispatcher`, `dev-city-housing-handler` …) or department system (`city-housing-system`). */
export async function devToken(subject: string, options: { expiresIn?: number; audience?: string } = {}): Promise<string> {
  const form = new URLSearchParams(
    subject.endsWith('-system')
      ? { grant_type: 'client_credentials', client_id: subject, client_secret: `dev-${subject}-secret` }
      : { grant_type: 'password', username: subject, password: 'dev' },
  );
  if (options.expiresIn !== undefined) form.set('expires_in', String(options.expiresIn));
  if (options.audience !== undefined) form.set('audience', options.audience);
  const response = await fetch(`${devIssuerUrl()}/token`, { method: 'POST', body: form });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(`no token for ${subject}: ${body.error_description ?? response.status}`);
  return body.access_token;
}
