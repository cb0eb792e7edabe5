import { Subscription } from '@herald/contracts';
import { FieldIssue } from '../http/problem';
import { CredentialInput, TlsInput, credentialIssues, tlsIssues } from './delivery-auth-input';
import { RESERVED_HEADERS } from './subscription-draft';

/** The credential and TLS parts of a create or patch body: their own checks. */
export function deliveryAuthInputIssues(
  input: { credential?: CredentialInput | null; tls?: TlsInput | null },
  now: Date,
): FieldIssue[] {
  return [
    ...(input.credential ? credentialIssues(input.credential) : []),
    ...(input.tls ? tlsIssues(input.tls, now) : []),
  ];
}

function isHttp(url: string): boolean {
  return /^http:/i.test(url);
}

/**
 * Checks of the whole subscription: the credential's header is not one Herald sets or one of
 * the custom headers, and (for a tenant that requires it) the callback and token URLs use https.
 */
export function deliveryAuthIssues(s: Subscription, requireHttps: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const c = s.credential;
  const credentialHeader =
    c?.type === 'header' ? c.name.toLowerCase() : c ? 'authorization' : undefined;
  if (
    c?.type === 'header' &&
    (RESERVED_HEADERS.includes(credentialHeader!) || /^(webhook|herald)-/.test(credentialHeader!))
  ) {
    issues.push({ field: 'credential.name', message: 'is a header Herald sets itself' });
  }
  if (credentialHeader !== undefined) {
    for (const name of Object.keys(s.headers)) {
      if (name.toLowerCase() === credentialHeader) {
        issues.push({
          field: `headers.${name}`,
          message: `is the header of the ${c!.type} credential (set it there, not as a custom header)`,
        });
      }
    }
  }
  if (requireHttps && isHttp(s.url)) {
    issues.push({ field: 'url', message: 'must use https (this tenant requires https)' });
  }
  if (requireHttps && c?.type === 'oauth2' && isHttp(c.tokenUrl)) {
    issues.push({
      field: 'credential.tokenUrl',
      message: 'must use https (this tenant requires https)',
    });
  }
  return issues;
}
