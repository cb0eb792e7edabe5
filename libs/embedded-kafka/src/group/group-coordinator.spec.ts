import { ManualTimers } from '../../test/manual-timers';
import { ErrorCode } from '../protocol/error-codes';
import { JoinResult } from './group';
import { GroupCoordinator, JoinRequest } from './group-coordinator';
import { OffsetStore } from './offset-store';

const protocols = [{ name: 'RoundRobinAssigner', metadata: Buffer.from('m') }];

function joinRequest(memberId: string, overrides: Partial<JoinRequest> = {}): JoinRequest {
  return {
    groupId: 'g',
    memberId,
    groupInstanceId: null,
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    protocolType: 'consumer',
    protocols,
    clientId: 'c',
    clientHost: '/127.0.0.1',
    requireKnownMemberId: true,
    ...overrides,
  };
}

describe('GroupCoordinator', () => {
  let timers: ManualTimers;
  let coordinator: GroupCoordinator;

  beforeEach(() => {
    timers = new ManualTimers();
    coordinator = new GroupCoordinator(
      {
        initialRebalanceDelayMs: 0,
        minSessionTimeoutMs: 1000,
        maxSessionTimeoutMs: 60_000,
        timers,
      },
      new OffsetStore(),
    );
  });

  /** Joins a new member through MEMBER_ID_REQUIRED; returns the pending join. */
  async function newMember(
    overrides: Partial<JoinRequest> = {},
  ): Promise<{ id: string; joined: Promise<JoinResult> }> {
    const first = await coordinator.joinGroup(joinRequest('', overrides));
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    return {
      id: first.memberId,
      joined: coordinator.joinGroup(joinRequest(first.memberId, overrides)),
    };
  }

  /** Several members that join together (ids first, so the first join waits for the rest). */
  async function members(
    n: number,
    overrides: Partial<JoinRequest> = {},
  ): Promise<{ id: string; joined: Promise<JoinResult> }[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push((await coordinator.joinGroup(joinRequest('', overrides))).memberId);
    return ids.map((id) => ({ id, joined: coordinator.joinGroup(joinRequest(id, overrides)) }));
  }

  it('answers MEMBER_ID_REQUIRED, then makes the first member leader of generation 1 with everyone’s metadata', async () => {
    const a = await newMember();
    const joined = await a.joined;
    expect(joined).toEqual(
      expect.objectContaining({
        errorCode: 0,
        generationId: 1,
        leader: a.id,
        memberId: a.id,
        protocolName: 'RoundRobinAssigner',
      }),
    );
    expect(joined.members).toEqual([
      { memberId: a.id, groupInstanceId: null, metadata: Buffer.from('m') },
    ]);
    expect(coordinator.describe('g').state).toBe('CompletingRebalance');
  });

  it('rebalances when a second member joins: heartbeat says REBALANCE_IN_PROGRESS, generation 2 after both rejoin', async () => {
    const a = await newMember();
    await a.joined;
    await coordinator.syncGroup('g', 1, a.id, [{ memberId: a.id, assignment: Buffer.from('all') }]);
    expect(coordinator.heartbeat('g', 1, a.id)).toBe(0);

    const b = await newMember();
    expect(coordinator.heartbeat('g', 1, a.id)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const aAgain = await coordinator.joinGroup(joinRequest(a.id));
    const bJoined = await b.joined;
    expect(aAgain.generationId).toBe(2);
    expect(aAgain.members.map((m) => m.memberId).sort()).toEqual([a.id, b.id].sort());
    expect(bJoined.members).toEqual([]);
    expect(bJoined.leader).toBe(a.id);

    const bSync = coordinator.syncGroup('g', 2, b.id, []);
    const aSync = await coordinator.syncGroup('g', 2, a.id, [
      { memberId: a.id, assignment: Buffer.from('p0') },
    ]);
    expect(aSync.assignment.toString()).toBe('p0');
    expect(await bSync).toEqual({ errorCode: 0, assignment: Buffer.alloc(0) });
    expect(coordinator.heartbeat('g', 1, a.id)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(coordinator.heartbeat('g', 2, b.id)).toBe(0);
    expect(coordinator.describe('g').state).toBe('Stable');
  });

  it('expires a silent member after its session timeout and rebalances the rest', async () => {
    const [a, b] = await members(2);
    await Promise.all([a.joined, b.joined]);
    await Promise.all([
      coordinator.syncGroup('g', 1, b.id, []),
      coordinator.syncGroup('g', 1, a.id, []),
    ]);
    for (let t = 0; t < 12; t++) {
      timers.advance(1000);
      coordinator.heartbeat('g', 1, a.id); // only a stays alive
    }
    expect(coordinator.heartbeat('g', 1, b.id)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(coordinator.heartbeat('g', 1, a.id)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const again = await coordinator.joinGroup(joinRequest(a.id));
    expect(again.generationId).toBe(2);
    expect(again.members.map((m) => m.memberId)).toEqual([a.id]);
  });

  it('drops members that do not rejoin within the rebalance timeout', async () => {
    const [a, b] = await members(2, { sessionTimeoutMs: 60_000 });
    await Promise.all([a.joined, b.joined]);
    await Promise.all([
      coordinator.syncGroup('g', 1, b.id, []),
      coordinator.syncGroup('g', 1, a.id, []),
    ]);
    const c = await newMember({ sessionTimeoutMs: 60_000 });
    const aJoin = coordinator.joinGroup(joinRequest(a.id, { sessionTimeoutMs: 60_000 }));
    timers.advance(29_999);
    expect(coordinator.describe('g').state).toBe('PreparingRebalance');
    timers.advance(1);
    const [aRes, cRes] = await Promise.all([aJoin, c.joined]);
    expect(aRes.generationId).toBe(2);
    expect(aRes.members.map((m) => m.memberId).sort()).toEqual([a.id, c.id].sort());
    expect(cRes.errorCode).toBe(0);
    expect(coordinator.heartbeat('g', 2, b.id)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('rejects out-of-range session timeouts and protocols the group does not share', async () => {
    expect((await coordinator.joinGroup(joinRequest('', { sessionTimeoutMs: 10 }))).errorCode).toBe(
      ErrorCode.INVALID_SESSION_TIMEOUT,
    );
    const a = await newMember();
    await a.joined;
    const other = await coordinator.joinGroup(
      joinRequest('', { protocols: [{ name: 'range', metadata: Buffer.alloc(0) }] }),
    );
    expect(other.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  });

  it('validates offset commits against member and generation, accepting them while preparing a rebalance', async () => {
    const entry = [{ topic: 't', partition: 0, offset: 5, metadata: null }];
    expect(coordinator.commitOffsets('solo', -1, '', entry)).toBe(0);
    expect(coordinator.fetchOffset('solo', 't', 0)?.offset).toBe(5);

    const a = await newMember();
    await a.joined;
    expect(coordinator.commitOffsets('g', 1, a.id, entry)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    await coordinator.syncGroup('g', 1, a.id, []);
    expect(coordinator.commitOffsets('g', 1, 'stranger', entry)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(coordinator.commitOffsets('g', 0, a.id, entry)).toBe(ErrorCode.ILLEGAL_GENERATION);
    const b = await newMember();
    expect(coordinator.describe('g').state).toBe('PreparingRebalance');
    expect(
      coordinator.commitOffsets('g', 1, a.id, [
        { topic: 't', partition: 0, offset: -2, metadata: null },
      ]),
    ).toBe(0);
    expect(coordinator.fetchOffset('g', 't', 0)?.offset).toBe(-2);
    coordinator.leaveGroup('g', [a.id, b.id]);
    await b.joined;
    expect(coordinator.describe('g').state).toBe('Empty');
    expect(coordinator.commitOffsets('g', -1, '', entry)).toBe(0);
    expect(coordinator.deleteGroup('g')).toBe(0);
    expect(coordinator.describe('g').state).toBe('Dead');
    expect(coordinator.deleteGroup('g')).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });

  it('waits the initial rebalance delay before completing the first join', async () => {
    coordinator = new GroupCoordinator(
      {
        initialRebalanceDelayMs: 300,
        minSessionTimeoutMs: 1000,
        maxSessionTimeoutMs: 60_000,
        timers,
      },
      new OffsetStore(),
    );
    const a = await newMember();
    let done = false;
    void a.joined.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    const b = await newMember();
    timers.advance(300);
    const [ra, rb] = await Promise.all([a.joined, b.joined]);
    expect(ra.generationId).toBe(1);
    expect(rb.generationId).toBe(1);
  });
});
