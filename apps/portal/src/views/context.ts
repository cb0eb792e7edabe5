import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { HeraldClient, Schemas } from '../api/client';

export type PortalSession = Schemas['PortalSessionInfo'];

export interface Portal {
  client: HeraldClient;
  session: PortalSession;
  /** Opens another view of the page. */
  go(view: View): void;
}

export type View =
  | { name: 'subscriptions' }
  | { name: 'subscription'; id: string }
  | { name: 'edit'; id?: string }
  | { name: 'deliveries'; subscriptionId?: string }
  | { name: 'delivery'; id: string }
  | { name: 'recovery'; subscriptionId?: string };

export const PortalContext = createContext<Portal | undefined>(undefined);

export function usePortal(): Portal {
  const portal = useContext(PortalContext);
  if (!portal) throw new Error('usePortal outside the portal');
  return portal;
}
