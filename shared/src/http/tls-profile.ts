/**
 * Mozilla's "intermediate" server profile (v5.7) for every TLS server of the project: TLS 1.3, and TLS 1.2
 * with ECDHE and AEAD suites only (no CBC, no SHA-1 MAC), in Node's option names
 * (docs/decisions/014-tls-is-mozilla-intermediate.md).
 */
export const tlsServerProfile = {
  minVersion: 'TLSv1.2',
  ciphers: [
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  ecdhCurve: 'X25519:prime256v1:secp384r1',
  // The profile's suites are all strong: the client may pick the one its hardware runs fastest.
  honorCipherOrder: false,
} as const;
