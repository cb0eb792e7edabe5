import { KAFKA_TOPICS_FILE, renderKafkaTopics } from './kafka-topic-manifests';
import {
  ALERTS_FILE,
  PROMETHEUS_RULE_FILE,
  renderPrometheusRule,
} from './prometheus-rule-manifest';
import { readWorkspaceFile } from './workspace-files';

export interface GeneratedFile {
  file: string;
  content: string;
}

/**
 * The generated k8s manifests: Strimzi topics from the contracts' topic catalogue, the
 * PrometheusRule from deploy/prometheus/alerts.yml.
 */
export function generatedManifests(): GeneratedFile[] {
  return [
    { file: KAFKA_TOPICS_FILE, content: renderKafkaTopics() },
    { file: PROMETHEUS_RULE_FILE, content: renderPrometheusRule(readWorkspaceFile(ALERTS_FILE)) },
  ];
}
