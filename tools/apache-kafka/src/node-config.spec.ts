import { NodeAddress, clientProtocol, nodeConfig, renderProperties } from './node-config';

const nodes: NodeAddress[] = [1, 2, 3].map((nodeId) => ({
  nodeId,
  clientPort: 9000 + nodeId,
  internalPort: 9100 + nodeId,
  controllerPort: 9200 + nodeId,
}));

describe('nodeConfig', () => {
  it('makes every node a broker and a voter of one quorum', () => {
    const config = nodeConfig({
      node: nodes[1],
      voters: nodes,
      logDir: '/d',
      security: { saslScram: false },
    });
    expect(config['process.roles']).toBe('broker,controller');
    expect(config['node.id']).toBe('2');
    expect(config['controller.quorum.voters']).toBe(
      '1@127.0.0.1:9201,2@127.0.0.1:9202,3@127.0.0.1:9203',
    );
    expect(config['advertised.listeners']).toBe(
      'CLIENT://127.0.0.1:9002,INTERNAL://127.0.0.1:9102',
    );
  });

  it('sizes internal topics to the cluster', () => {
    const one = nodeConfig({
      node: nodes[0],
      voters: [nodes[0]],
      logDir: '/d',
      security: { saslScram: false },
    });
    const three = nodeConfig({
      node: nodes[0],
      voters: nodes,
      logDir: '/d',
      security: { saslScram: false },
    });
    expect([one['offsets.topic.replication.factor'], one['transaction.state.log.min.isr']]).toEqual(
      ['1', '1'],
    );
    expect([
      three['offsets.topic.replication.factor'],
      three['transaction.state.log.min.isr'],
    ]).toEqual(['3', '2']);
  });

  it('secures only the client listener, and lets brokerConfig override anything', () => {
    const security = { saslScram: true, tls: { keystorePath: '/k.p12', password: 'pw' } };
    const config = nodeConfig({
      node: nodes[0],
      voters: nodes,
      logDir: '/d',
      security,
      brokerConfig: { 'min.insync.replicas': 2, 'num.partitions': 6 },
    });
    expect(clientProtocol(security)).toBe('SASL_SSL');
    expect(config['listener.security.protocol.map']).toBe(
      'CLIENT:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
    );
    expect(config['sasl.enabled.mechanisms']).toBe('SCRAM-SHA-512');
    expect(config['listener.name.client.ssl.keystore.location']).toBe('/k.p12');
    expect([config['min.insync.replicas'], config['num.partitions']]).toEqual(['2', '6']);
  });

  it('renders Java properties with backslashes escaped', () => {
    expect(renderProperties({ 'log.dirs': 'C:\\data', a: 'b' })).toBe('log.dirs=C:\\\\data\na=b\n');
  });
});
