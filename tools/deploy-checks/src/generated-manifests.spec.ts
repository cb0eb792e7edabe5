import { execFileSync } from 'child_process';
import { allTopics, retryTopicFor } from '@herald/contracts';
import { generatedManifests } from './generate-manifests';
import { KAFKA_TOPICS_FILE, renderKafkaTopics } from './kafka-topic-manifests';
import { ALERTS_FILE, PROMETHEUS_RULE_FILE, ruleGroupsOf } from './prometheus-rule-manifest';
import { WORKSPACE_ROOT, readWorkspaceFile, workspacePath } from './workspace-files';
import { parseYamlDocument, parseYamlDocuments } from './yaml-documents';

describe('generated k8s manifests', () => {
  it.each([KAFKA_TOPICS_FILE, PROMETHEUS_RULE_FILE])(
    '%s is up to date (npm run deploy:generate)',
    (file) => {
      const generated = generatedManifests().find((g) => g.file === file)!;
      expect(readWorkspaceFile(file)).toBe(generated.content);
    },
  );

  it('has one KafkaTopic per topic of the contracts catalogue, with its partitions and retention', () => {
    const docs = parseYamlDocuments(readWorkspaceFile(KAFKA_TOPICS_FILE), KAFKA_TOPICS_FILE);
    const byName = new Map(docs.map((d) => [(d.spec as { topicName: string }).topicName, d]));
    expect([...byName.keys()].sort()).toEqual(
      allTopics()
        .map((t) => t.name)
        .sort(),
    );
    for (const topic of allTopics()) {
      const spec = byName.get(topic.name)!.spec as {
        partitions: number;
        config: Record<string, unknown>;
      };
      expect(spec.partitions).toBe(topic.partitions);
      expect(spec.config['retention.ms']).toBe(topic.retentionMs);
      expect(spec.config['cleanup.policy']).toBe(topic.compacted ? 'compact' : 'delete');
    }
  });

  it('names retry topics as the dispatcher does (72h is herald.retry.3d)', () => {
    const text = readWorkspaceFile(KAFKA_TOPICS_FILE);
    expect(retryTopicFor(72 * 3_600_000)).toBe('herald.retry.3d');
    expect(text).toContain('topicName: herald.retry.3d');
    expect(text).not.toContain('herald.retry.72h');
  });

  it('compacts only the subscriptions changelog', () => {
    const docs = parseYamlDocuments(readWorkspaceFile(KAFKA_TOPICS_FILE), KAFKA_TOPICS_FILE);
    const compacted = docs
      .filter(
        (d) =>
          (d.spec as { config: Record<string, unknown> }).config['cleanup.policy'] === 'compact',
      )
      .map((d) => (d.metadata as { name: string }).name);
    expect(compacted).toEqual(['herald.subscriptions.changelog']);
  });

  it('a changed catalogue changes the rendered topics', () => {
    const topics = allTopics().map((t) =>
      t.name === 'herald.events' ? { ...t, partitions: 7 } : t,
    );
    expect(renderKafkaTopics(topics)).not.toBe(renderKafkaTopics());
  });

  it('the PrometheusRule carries exactly the groups of alerts.yml', () => {
    const rule = parseYamlDocument(readWorkspaceFile(PROMETHEUS_RULE_FILE), PROMETHEUS_RULE_FILE);
    expect((rule.spec as { groups: unknown[] }).groups).toEqual(
      ruleGroupsOf(readWorkspaceFile(ALERTS_FILE)),
    );
  });

  it('is written the way Prettier leaves it (npm run format keeps it up to date)', () => {
    const prettier = workspacePath('node_modules', '.bin', 'prettier');
    expect(() =>
      execFileSync(prettier, ['--check', KAFKA_TOPICS_FILE, PROMETHEUS_RULE_FILE], {
        cwd: WORKSPACE_ROOT,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });
});
