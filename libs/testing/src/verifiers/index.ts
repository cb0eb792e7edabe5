export * from './received-request';
export * from './standard-webhooks.verifier';
export * from './http-message-signatures.verifier';
export * from './rfc9421-crypto.verifier';
