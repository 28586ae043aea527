import { loadConfig } from '../shared/config.ts';

const TOKEN_KEY = 'complaints.staff-token';
const VERIFIER_KEY = 'complaints.pkce-verifier';

export interface StaffSession {
  token: string;
  subject: string;
  email: string;
  roles: string[];
  department: string | undefined;
  expiresAt: number;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/u, '');

/** Reads (does not verify: the API does) the claims the console shows and uses to pick forms. */
const sessionOf = (token: string): StaffSession | undefined => {
  try {
    const payload = JSON.parse(
      atob(token.split('.')[1]!.replaceAll('-', '+').replaceAll('_', '/')),
    ) as Record<string, unknown>;
    const session = {
      token,
      subject: String(payload.sub),
      email: typeof payload.email === 'string' ? payload.email : '',
      roles: Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as string[]) : [],
      department: typeof payload['custom:department'] === 'string' ? payload['custom:department'] : undefined,
      expiresAt: Number(payload.exp) * 1000,
    };
    return session.expiresAt > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
};

export const currentSession = (): StaffSession | undefined => {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? sessionOf(token) : undefined;
};

export const signOut = async () => {
  sessionStorage.removeItem(TOKEN_KEY);
  const { cognito } = await loadConfig();
  if (cognito) {
    location.assign(
      `${cognito.domain}/logout?client_id=${encodeURIComponent(cognito.clientId)}&logout_uri=${encodeURIComponent(redirectUri())}`,
    );
  }
};

const redirectUri = () => `${location.origin}/console/`;

/** Local runtime only: the gateway mints a development token (local/auth/issue-token.ts). */
export const localSignIn = async (request: { role: string; department?: string; subject?: string }) => {
  const { apiUrl } = await loadConfig();
  const response = await fetch(`${apiUrl}/local/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`sign-in refused (${response.status})`);
  const { token } = (await response.json()) as { token: string };
  sessionStorage.setItem(TOKEN_KEY, token);
};

/** AWS: the Cognito hosted UI, authorization code flow with PKCE (the console is a public client). */
export const hostedUiSignIn = async () => {
  const { cognito } = await loadConfig();
  if (!cognito) throw new Error('no hosted UI configured');
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: cognito.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.assign(`${cognito.domain}/oauth2/authorize?${query}`);
};

/** Back from the hosted UI with `?code=`: trades it for tokens; the ID token is the staff token. */
export const completeHostedUiSignIn = async (): Promise<void> => {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(VERIFIER_KEY);
  const { cognito } = await loadConfig();
  if (!code || !verifier || !cognito) return;
  sessionStorage.removeItem(VERIFIER_KEY);
  const response = await fetch(`${cognito.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: cognito.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: verifier,
    }),
  });
  history.replaceState(null, '', redirectUri());
  if (!response.ok) throw new Error(`sign-in failed (${response.status})`);
  const { id_token: idToken } = (await response.json()) as { id_token: string };
  sessionStorage.setItem(TOKEN_KEY, idToken);
};
