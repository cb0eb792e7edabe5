import { GroupCoordinator } from '../group/group-coordinator';
import { TopicRegistry } from '../log/topic-registry';

/** What the request handlers share: the node's identity, the logs and the coordinator. */
export interface BrokerContext {
  nodeId: number;
  clusterId: string;
  /** The host:port clients are told to dial (must match what they were given). */
  advertised: { host: string; port: number };
  topics: TopicRegistry;
  coordinator: GroupCoordinator;
  autoCreateTopics: boolean;
  defaultPartitions: number;
  nextProducerId: number;
  /** Set when the broker stops; long polls end on the next append notification. */
  stopped: boolean;
}
