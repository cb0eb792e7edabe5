import { lookup } from 'dns/promises';
import { HostResolver } from '../subscriptions/callback-url-policy';

export const HOST_RESOLVER = Symbol('HostResolver');

/** Every address the system resolver gives for a host (what an HTTP client would connect to). */
export const systemResolver: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
