import * as client from 'openid-client';
import type { Config } from '../config';

export type OidcSettings = NonNullable<Config['oidc']>;

/** Agents' single sign-on (ProConnect in production). Discovery is lazy and retried on failure. */
export class OidcClient {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly settings: OidcSettings,
    private readonly redirectUri: string,
  ) {}

  private config(): Promise<client.Configuration> {
    if (!this.configuration) {
      this.configuration = client
        .discovery(
          new URL(this.settings.issuer),
          this.settings.clientId,
          undefined,
          client.ClientSecretPost(this.settings.clientSecret),
          this.settings.allowInsecure ? { execute: [client.allowInsecureRequests] } : undefined,
        )
        .catch((err) => {
          this.configuration = undefined;
          throw err;
        });
    }
    return this.configuration;
  }

  async authorizationUrl(): Promise<{ url: URL; state: string; nonce: string; codeVerifier: string }> {
    const config = await this.config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code and returns the stable subject and the verified e-mail. */
  async callback(
    currentUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<{ subject: string; email: string | null }> {
    const config = await this.config();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('id_token absent');
    let email = typeof claims.email === 'string' ? claims.email : null;
    if (!email) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = typeof info.email === 'string' ? info.email : null;
    }
    return { subject: `${this.settings.issuer}#${claims.sub}`, email: email?.toLowerCase() ?? null };
  }
}
