import { Injectable } from '@nestjs/common';
import {
  PortalSessionEntity,
  PortalSessionStore,
  SubscriptionStore,
  TenantStore,
} from '@herald/persistence';
import { CallerIdentity } from '../auth/auth.guards';
import { invalidField, notFound } from '../http/problem';
import {
  DEFAULT_PORTAL_SESSION_SECONDS,
  PortalSessionInput,
  portalLink,
} from './portal-session-request';

/** A session as the API shows it (never the token hash). */
export function portalSessionView(s: PortalSessionEntity) {
  return {
    id: s.id,
    tenantId: s.tenantId,
    readOnly: s.readOnly,
    subscriptionIds: s.subscriptionIds,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
  };
}

/** The portal session use-cases: open one (token shown once, in the link), revoke one. */
@Injectable()
export class PortalSessionsService {
  constructor(
    private readonly sessions: PortalSessionStore,
    private readonly tenants: TenantStore,
    private readonly subscriptions: SubscriptionStore,
  ) {}

  async open(caller: CallerIdentity, input: PortalSessionInput, baseUrl: string, now = new Date()) {
    const tenantId = await this.tenantOf(caller, input.tenantId);
    const subscriptionIds = input.subscriptionIds ? [...new Set(input.subscriptionIds)] : null;
    for (const [index, id] of (subscriptionIds ?? []).entries()) {
      if (!(await this.subscriptions.findById(tenantId, id))) {
        throw invalidField(`subscriptionIds/${index}`, `subscription ${id} was not found`);
      }
    }
    const seconds = input.expiresIn ?? DEFAULT_PORTAL_SESSION_SECONDS;
    const { session, plain } = await this.sessions.issue(
      tenantId,
      {
        readOnly: input.readOnly ?? false,
        subscriptionIds,
        expiresAt: new Date(now.getTime() + seconds * 1000),
      },
      now,
    );
    return { ...portalSessionView(session), token: plain, url: portalLink(baseUrl, plain) };
  }

  /** Revokes (of the caller's tenant unless the admin asks): refused at once, everywhere. */
  async revoke(caller: CallerIdentity, id: string): Promise<void> {
    if (!(await this.sessions.revoke(id, caller.admin ? undefined : caller.tenantId))) {
      throw notFound(`portal session ${id}`);
    }
  }

  private async tenantOf(caller: CallerIdentity, named: string | undefined): Promise<string> {
    if (!caller.admin) {
      if (named !== undefined && named !== caller.tenantId)
        throw notFound(`tenant ${named}`, 'tenantId');
      return caller.tenantId;
    }
    if (named === undefined) throw invalidField('tenantId', 'is required with the admin token');
    if (!(await this.tenants.findById(named))) throw notFound(`tenant ${named}`, 'tenantId');
    return named;
  }
}
