import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  /** Kept secret; sent only with the token request. */
  verifier: string;
  /** `BASE64URL(SHA256(verifier))`, sent with the device-code request. */
  challenge: string;
  method: 'S256';
}

/** RFC 7636 S256 challenge of a verifier. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh verifier (43 characters of base64url from 32 random bytes) and its S256 challenge. */
export function createPkcePair(random: (size: number) => Uint8Array = randomBytes): PkcePair {
  const verifier = Buffer.from(random(32)).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' };
}
