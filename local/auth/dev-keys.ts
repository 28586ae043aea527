import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import { DATA_DIR } from '../paths.ts';

/** `iss` of the local identity provider's tokens (Cognito's is its user pool URL). */
export const DEV_ISSUER = 'complaints-local-idp';
/** `aud` of the local tokens (in AWS, the staff console's app client id). */
export const DEV_AUDIENCE = 'complaints-staff';
export const DEV_ALGORITHM = 'ES256';

/**
 * Where the key pair lives. Always on disk, also with `npm start -- --in-memory`: `npm run token`
 * runs in another process and must sign with the key the running gateway verifies with.
 * DEV_AUTH_KEY_FILE points elsewhere (tests use a temporary file).
 */
export const devKeyFile = (): string => process.env.DEV_AUTH_KEY_FILE || join(DATA_DIR, 'dev-auth-key.json');

interface StoredKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface DevKeys {
  kid: string;
  privateKey: CryptoKey;
  /** The public key with its `kid`, `alg` and `use`, as a JWKS lists it. */
  publicJwk: JWK;
}

/**
 * Creates the key file if there is none. The file is written aside and then hard-linked into place,
 * which fails if another process got there first: two processes starting at once agree on one key.
 */
const createIfAbsent = async (file: string): Promise<void> => {
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const keys: StoredKeys = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: DEV_ALGORITHM, use: 'sig' },
    publicJwk: { ...publicJwk, kid, alg: DEV_ALGORITHM, use: 'sig' },
  };
  mkdirSync(dirname(file), { recursive: true });
  const aside = `${file}.${randomUUID()}.tmp`;
  writeFileSync(aside, JSON.stringify(keys, null, 2), { mode: 0o600 });
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
};

const read = (file: string): StoredKeys | undefined => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const keys = JSON.parse(text) as Partial<StoredKeys>;
  if (typeof keys.privateJwk?.kid !== 'string' || typeof keys.publicJwk?.kid !== 'string') {
    throw new Error(`${file} is not a local auth key file; delete it to have a new key made`);
  }
  return keys as StoredKeys;
};

const load = async (file: string): Promise<DevKeys> => {
  let keys = read(file);
  if (!keys) {
    await createIfAbsent(file);
    keys = read(file)!;
  }
  return {
    kid: keys.publicJwk.kid!,
    privateKey: (await importJWK(keys.privateJwk, DEV_ALGORITHM)) as CryptoKey,
    publicJwk: keys.publicJwk,
  };
};

const cache = new Map<string, Promise<DevKeys>>();

/** The local identity provider's key pair, created on first use and reused afterwards. */
export const devKeys = (file = devKeyFile()): Promise<DevKeys> => {
  let keys = cache.get(file);
  if (!keys) {
    keys = load(file);
    // A failed load (unreadable file) is retried on the next call rather than remembered.
    keys.catch(() => cache.delete(file));
    cache.set(file, keys);
  }
  return keys;
};
