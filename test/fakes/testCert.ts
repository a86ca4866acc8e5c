import { generate } from 'selfsigned';

/** A self-signed certificate for `names` (DNS) and 127.0.0.1, made at test time; trust `cert` as the CA. */
export interface TestCert {
  key: string;
  cert: string;
}

const made = new Map<string, Promise<TestCert>>();

/** One certificate per set of names per test run (EC P-256: milliseconds to make). */
export function testCert(names: string[] = ['api.example.test']): Promise<TestCert> {
  const id = names.join(',');
  let cert = made.get(id);
  if (!cert) {
    cert = generate([{ name: 'commonName', value: names[0] }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 24 * 3600_000),
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7, ip: '127.0.0.1' }],
        },
      ],
    }).then((pems) => ({ key: pems.private, cert: pems.cert }));
    made.set(id, cert);
  }
  return cert;
}
