/**
 * Recognisable secrets the fault suites hand to every slot. Each carries a marker no server, log line or
 * error would contain by chance, so finding one anywhere written means a leak.
 */
export const SECRETS = {
  openaiKey: 'sk-faults-OPENAIKEY7Q2X9W4V8T',
  anthropicKey: 'sk-ant-api03-faultsANTHROPICKEY4R8M2',
  azureKey: 'faultsAZUREKEY3c9d1e7f5a2b4c6d8e0f',
  githubToken: 'gho_faultsGITHUBTOKEN5K3J7H1N0P',
  /** What the fake GitHub API mints: Copilot tokens look like this (`;`-separated, signed). */
  copilotToken: (n: number): string => `tid=faultsCOPILOT${n};exp=9999999999;sku=free;8kp=1:faultsCOPILOTSIG${n}a9f3c1`,
  qwenAccess: (n: number): string => `faultsQWENACCESS${n}-xT7rV2pL9`,
  qwenRefresh: 'faultsQWENREFRESH-mB4nC8',
  awsAccessKeyId: 'AKIAFAULTSAWSKEY0001',
  awsSecretKey: 'faultsAWSSECRET/wJalrXUtnFEMI+K7MDENG',
  awsSessionToken: 'faultsAWSSESSION-IQoJb3JpZ2luX2VjEJr',
  pemBody: 'MIIEfaultsPEMPRIVATEKEYBODYqhkiG9w0BAQEFAASC',
} as const;

/** Every literal secret, and the first few minted tokens of each kind. */
export function allSecrets(): string[] {
  const minted: string[] = [];
  for (let n = 1; n <= 4; n++)
    minted.push(SECRETS.copilotToken(n), `faultsCOPILOTSIG${n}a9f3c1`, SECRETS.qwenAccess(n));
  return [
    SECRETS.openaiKey,
    SECRETS.anthropicKey,
    SECRETS.azureKey,
    SECRETS.githubToken,
    SECRETS.qwenRefresh,
    SECRETS.awsSecretKey,
    SECRETS.awsSessionToken,
    SECRETS.pemBody,
    ...minted,
  ];
}

/** A PEM private key whose body is the recognisable marker (for service-account files). */
export function fakePem(): string {
  return `-----BEGIN PRIVATE KEY-----\n${SECRETS.pemBody}\n-----END PRIVATE KEY-----\n`;
}

/** Recognisable pieces of a PEM private key: two of its base64 body lines (a leak of the key shows them). */
export function pemSecrets(pem: string): string[] {
  return pem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .slice(1, 3);
}

/** The secrets found in `texts`, each reported once with where it was seen. */
export function findLeaks(texts: Array<{ where: string; text: string }>, secrets: string[] = allSecrets()): string[] {
  const leaks: string[] = [];
  for (const { where, text } of texts) {
    for (const secret of secrets) if (text.includes(secret)) leaks.push(`${where} contains ${secret}`);
  }
  return leaks;
}
