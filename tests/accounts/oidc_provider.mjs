// A real OpenID provider for the tests (the npm package oidc-provider), on loopback.
//
//   node tests/accounts/oidc_provider.mjs CONFIG.json
//
// CONFIG names the issuer and port, the clients, a JSON file of accounts (read
// again on every sign-in, so a test can move someone to another group), and
// which client's client-credentials tokens act for which mailbox user. An
// account with "tamper": "audience" or "expired" gets an ID token re-signed with
// the provider's own key but for another audience, or already expired: what a
// relying party must refuse. Prints "ready" once it listens.
import { readFileSync } from 'node:fs';

import { SignJWT, decodeJwt, exportJWK, generateKeyPair, importJWK } from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const accounts = () => JSON.parse(readFileSync(config.accounts_file, 'utf8'));

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: { keys: [signingKey] },
  cookies: { keys: ['cookie-key-used-only-by-the-tests'] },
  scopes: ['openid', 'offline_access', 'mail'],
  claims: {
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    groups: ['groups'],
  },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    introspection: { enabled: true },
    clientCredentials: { enabled: true },
  },
  async findAccount(ctx, id) {
    const account = accounts()[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
  },
  // A first-party application: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.params.scope);
    await grant.save();
    return grant;
  },
  async extraTokenClaims(ctx, token) {
    const user = (config.mailbox_users || {})[token.clientId];
    return token.kind === 'ClientCredentials' && user ? { username: user } : undefined;
  },
  ttl: {
    AccessToken: 600, AuthorizationCode: 60, ClientCredentials: 600, IdToken: 600,
    Interaction: 600, Session: 600, Grant: 600, RefreshToken: 3600,
  },
});

const key = await importJWK(signingKey, 'RS256');
provider.use(async (ctx, next) => {
  await next();
  const body = ctx.body;
  if (ctx.path !== '/token' || !body || typeof body.id_token !== 'string') return;
  const claims = decodeJwt(body.id_token);
  const tamper = accounts()[claims.sub]?.tamper;
  if (!tamper) return;
  const now = Math.floor(Date.now() / 1000);
  if (tamper === 'audience') claims.aud = 'another-application';
  if (tamper === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  body.id_token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, typ: 'JWT' })
    .sign(key);
});

provider.listen(config.port, '127.0.0.1', () => console.log('ready'));
