/** Runtime configuration, served as /config.json (local gateway) or written at deploy (CDK). */
export interface WebConfig {
  /** Base URL of the HTTP API, without a trailing slash. */
  apiUrl: string;
  /** The local runtime's development sign-in (never in AWS). */
  localLogin: boolean;
  /** The Cognito hosted UI (AWS only). */
  cognito?: { domain: string; clientId: string };
}

let loaded: Promise<WebConfig> | undefined;

export const loadConfig = (): Promise<WebConfig> =>
  (loaded ??= fetch('/config.json', { cache: 'no-store' }).then(async (response) => {
    if (!response.ok) throw new Error(`config.json: ${response.status}`);
    const config = (await response.json()) as WebConfig;
    return { ...config, apiUrl: config.apiUrl.replace(/\/+$/u, '') };
  }));
